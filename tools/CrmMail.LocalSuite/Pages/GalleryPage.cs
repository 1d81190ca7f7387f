using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CrmMail.LocalSuite.Pages;

/// <summary>
/// The gallery page: sign in as a local uid (the Firebase stand-in mints its ID token), pick a
/// space, see its thumbnails through the CloudFront stand-in with the links' expiry counting
/// down, refresh, and upload an image with the signed upload URL. One inline script, no
/// external ones; everything goes through the same API and CloudFront stand-in a client would use.
/// </summary>
internal sealed class GalleryPage(SuiteComposition suite, Uri apiUrl)
{
    private const string Script = """
        const api = document.body.dataset.api;
        const $ = id => document.getElementById(id);
        let token = null, expiresAt = null, next = null;
        async function signIn() {
          const r = await fetch('/gallery/token', {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({uid: $('uid').value})});
          token = (await r.json()).token;
          const spaces = await (await fetch('/gallery/spaces?uid=' + encodeURIComponent($('uid').value))).json();
          $('space').replaceChildren(...spaces.map(s => Object.assign(document.createElement('option'), {value: s, textContent: s})));
          $('status').textContent = spaces.length ? 'Signed in as ' + $('uid').value + '.' : 'No spaces: crm-mail spaces grant ' + $('uid').value + ' SPACE --data DIR';
          if (spaces.length) await load(false);
        }
        async function load(more) {
          const space = $('space').value || $('other').value;
          const url = api + '/spaces/' + encodeURIComponent(space) + '/images' + (more && next ? '?nextToken=' + encodeURIComponent(next) : '');
          const r = await fetch(url, {headers: {authorization: 'Bearer ' + token}});
          const body = await r.json();
          if (!r.ok) { $('status').textContent = r.status + ' ' + body.error.code + ': ' + body.error.message; if (!more) $('images').replaceChildren(); return; }
          if (!more) $('images').replaceChildren();
          for (const image of body.images) {
            const figure = document.createElement('figure');
            const img = Object.assign(document.createElement('img'), {src: image.url, alt: image.name, width: 96, height: 96});
            img.addEventListener('error', () => figure.classList.add('expired'));
            figure.append(img, Object.assign(document.createElement('figcaption'), {textContent: image.name + ' · ' + image.size + ' B'}));
            $('images').append(figure);
          }
          next = body.nextToken; expiresAt = new Date(body.expiresAt);
          $('more').hidden = !next;
          $('status').textContent = r.status + ': ' + body.images.length + ' image(s) in ' + space + '.';
        }
        function tick() {
          if (!expiresAt) return;
          const left = Math.round((expiresAt - Date.now()) / 1000);
          $('expiry').textContent = 'Links expire at ' + expiresAt.toISOString() + (left > 0 ? ' (in ' + left + ' s)' : ' (expired: refresh)');
        }
        async function upload() {
          const file = $('file').files[0];
          if (!file) return;
          const space = $('space').value || $('other').value;
          const r = await fetch(api + '/spaces/' + encodeURIComponent(space) + '/uploads', {method: 'POST', headers: {authorization: 'Bearer ' + token, 'content-type': 'application/json'}, body: JSON.stringify({fileName: file.name, contentType: file.type, size: file.size})});
          const ticket = await r.json();
          if (!r.ok) { $('status').textContent = r.status + ' ' + ticket.error.code + ': ' + ticket.error.message; return; }
          const put = await fetch(ticket.url, {method: 'PUT', headers: {'content-type': ticket.headers['Content-Type']}, body: file});
          $('status').textContent = 'Upload ' + (put.ok ? 'stored as ' + ticket.key : 'refused: ' + put.status + ' ' + (put.headers.get('x-local-reason') || ''));
          if (put.ok) await load(false);
        }
        $('signin').addEventListener('click', signIn);
        $('refresh').addEventListener('click', () => load(false));
        $('more').addEventListener('click', () => load(true));
        $('space').addEventListener('change', () => load(false));
        $('send').addEventListener('click', upload);
        setInterval(tick, 1000);
        """;

    public Task PageAsync(HttpContext context)
    {
        var body = new Html()
            .Raw("<div class=\"card\"><p>Sign in as a local user (the local Firebase stand-in signs its ID token), pick a space, and the thumbnails load through the CloudFront stand-in with one wildcard signature per page. ")
            .Raw("Sample users: <code>local-alice</code> (demo-a, demo-b) and <code>local-bob</code> (demo-b). Manage memberships with <code>crm-mail spaces grant|revoke|list --data DIR</code>; this page sees the change at once.</p>")
            .Raw("<p><label>uid <input id=\"uid\" value=\"local-alice\"></label> <button id=\"signin\">Sign in</button> ")
            .Raw("<label>space <select id=\"space\"></select></label> <label>or another space id <input id=\"other\" placeholder=\"demo-a\"></label> ")
            .Raw("<button id=\"refresh\">Refresh</button> <button id=\"more\" hidden>Next page</button></p>")
            .Raw("<p><input type=\"file\" id=\"file\" accept=\"image/*\"> <button id=\"send\">Upload</button></p>")
            .Raw("<p id=\"status\" role=\"status\"></p><p id=\"expiry\"></p></div>")
            .Raw("<style>#images{display:flex;flex-wrap:wrap;gap:.8rem}figure{margin:0;background:#fff;border:1px solid #dde2e8;padding:.4rem;font-size:12px}figure.expired{border-color:#a8201a}</style>")
            .Raw("<div id=\"images\"></div><script>").Raw(Script).Raw("</script>");
        var html = Html.Page("Gallery", body).Replace("<body>", "<body data-api=\"" + Html.Encode(apiUrl.AbsoluteUri.TrimEnd('/')) + "\">", StringComparison.Ordinal);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers["Cache-Control"] = "no-store";
        return context.Response.WriteAsync(html);
    }

    /// <summary>POST {uid}: a local ID token for that uid (the local Firebase stand-in; never part of a deployment).</summary>
    public async Task TokenAsync(HttpContext context)
    {
        string? uid = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            uid = document.RootElement.TryGetProperty("uid", out var value) ? value.GetString() : null;
        }
        catch (JsonException)
        {
            uid = null;
        }

        if (!CrmMail.Gallery.MemberUid.IsValid(uid))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = "uid must be 1 to 128 printable ASCII characters." }, Gallery.LocalGalleryTokenJsonContext.Default.DictionaryStringString).ConfigureAwait(false);
            return;
        }

        await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["token"] = suite.Firebase.Mint(uid!) }, Gallery.LocalGalleryTokenJsonContext.Default.DictionaryStringString).ConfigureAwait(false);
    }

    /// <summary>GET ?uid=: the spaces a local uid belongs to (the page's space picker).</summary>
    public async Task SpacesAsync(HttpContext context)
    {
        var uid = context.Request.Query["uid"].ToString();
        var spaces = await suite.Spaces.ListAsync(uid, context.RequestAborted).ConfigureAwait(false);
        await context.Response.WriteAsJsonAsync(spaces.Select(s => s.SpaceId).ToArray(), Gallery.LocalGalleryTokenJsonContext.Default.StringArray).ConfigureAwait(false);
    }
}
