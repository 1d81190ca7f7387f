// CloudFront Function (cloudfront-js-2.0), viewer request, on the distribution's upload
// behaviour for the gallery (path pattern spaces/*, methods GET/HEAD/OPTIONS/PUT, the same
// trusted key group as downloads). CloudFront checks the signed URL (signature, expiry, resource)
// itself; signed URLs cannot bind headers, so this function binds them:
//  - GET, HEAD, OPTIONS pass (downloads of the space's images, CORS preflights);
//  - a PUT must carry size and type in its query, a custom Policy (no canned Expires) whose
//    Resource is exactly https://HOST/URI?size=SIZE&type=TYPE (no wildcard: a gallery page's
//    download policy spaces/ID/* can never upload or overwrite), a Content-Type equal to TYPE
//    and a Content-Length equal to SIZE (S3 then refuses a body of any other length);
//  - every other method is refused.
// The local suite's CloudFront stand-in applies the same rules (tools/CrmMail.LocalSuite/Gallery/UploadGuard.cs).
var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function deny(reason) {
  return { statusCode: 403, statusDescription: 'Forbidden', headers: { 'x-upload-guard': { value: reason } } };
}

// CloudFront's URL-safe base64 (- for +, _ for =, ~ for /) to a string, without relying on Buffer.
function decodePolicy(value) {
  var text = value.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/');
  var out = '', bits = 0, buffer = 0;
  for (var i = 0; i < text.length; i++) {
    var c = text.charAt(i);
    if (c === '=') break;
    var index = B64.indexOf(c);
    if (index < 0) return null;
    buffer = (buffer << 6) | index;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return out;
}

function one(querystring, name) {
  var entry = querystring[name];
  if (!entry || entry.multiValue) return null;
  return entry.value;
}

function handler(event) {
  var request = event.request;
  var method = request.method;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return request;
  if (method !== 'PUT') return deny('method');
  var q = request.querystring;
  var size = one(q, 'size'), type = one(q, 'type'), policy = one(q, 'Policy');
  if (size === null || type === null || policy === null || q['Expires']) return deny('parameters');
  var json = decodePolicy(policy);
  var resource;
  try {
    resource = JSON.parse(json).Statement[0].Resource;
  } catch (e) {
    return deny('policy');
  }
  var encodedType = type.indexOf('%') >= 0 ? type : encodeURIComponent(type);
  var host = request.headers.host ? request.headers.host.value : event.context.distributionDomainName;
  if (typeof resource !== 'string' || resource.indexOf('*') >= 0
      || resource !== 'https://' + host + request.uri + '?size=' + size + '&type=' + encodedType) {
    return deny('resource');
  }
  var contentType = request.headers['content-type'] ? request.headers['content-type'].value : null;
  if (contentType !== decodeURIComponent(encodedType)) return deny('content-type');
  var contentLength = request.headers['content-length'] ? request.headers['content-length'].value : null;
  if (!/^[0-9]+$/.test(size) || contentLength !== size) return deny('content-length');
  return request;
}
