using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmMail.LocalSuite.CloudFront;

/// <summary>The CloudFront stand-in's endpoint: <c>/cdn/{key}</c>, a signed URL checked as CloudFront checks it, then the report.</summary>
internal sealed class CloudFrontEndpoints(SignedUrlVerifier verifier, Func<Task<SuiteComposition>> functionsReady)
{
    public void Map(WebApplication app)
    {
        app.MapMethods("/cdn/{**key}", ["GET", "HEAD"], ServeReportAsync);
        // The upload behaviour: a signed PUT (signature, then the upload guard), stored in the bucket.
        app.MapMethods("/cdn/{**key}", ["PUT"], StoreUploadAsync);
    }

    private async Task StoreUploadAsync(HttpContext context)
    {
        var functions = await functionsReady().ConfigureAwait(false);
        var request = context.Request;
        var viewer = context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? request.Path.ToUriComponent() + request.QueryString.Value;
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? target : target[..queryStart];
        var rawQuery = queryStart < 0 ? string.Empty : target[queryStart..];
        var rejection = verifier.Verify(request.Scheme, request.Host.Value!, rawPath, rawQuery, viewer);
        var reason = rejection != SignedUrlRejection.None
            ? rejection.ToString()
            : Gallery.UploadGuard.Check($"{request.Scheme}://{request.Host.Value}{rawPath}", rawPath, rawQuery, request.ContentType, request.ContentLength);
        var key = Uri.UnescapeDataString(((string?)request.RouteValues["key"]) ?? string.Empty);
        if (reason is null)
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            // Content-Length is checked by the guard; a body that differs from it is refused like CloudFront/S3 would.
            if (body.Length == request.ContentLength && await functions.StoreObject(key, body.ToArray(), request.ContentType!, context.RequestAborted).ConfigureAwait(false))
            {
                context.Response.StatusCode = 200;
                context.Response.Headers["X-Cache"] = "Miss from cloudfront";
                return;
            }

            reason = "BodyOrKeyRefused";
        }

        context.Response.StatusCode = 403;
        context.Response.ContentType = "application/xml";
        context.Response.Headers["X-Cache"] = "Error from cloudfront";
        context.Response.Headers["X-Local-Reason"] = reason;
        await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access denied</Message></Error>").ConfigureAwait(false);
    }

    private async Task ServeReportAsync(HttpContext context)
    {
        var functions = await functionsReady().ConfigureAwait(false);
        var request = context.Request;
        var viewer = context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
        // The request target exactly as the viewer sent it: CloudFront checks the URL it received.
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? request.Path.ToUriComponent() + request.QueryString.Value;
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? target : target[..queryStart];
        var rawQuery = queryStart < 0 ? string.Empty : target[queryStart..];
        var rejection = verifier.Verify(request.Scheme, request.Host.Value!, rawPath, rawQuery, viewer);
        var key = Uri.UnescapeDataString(((string?)request.RouteValues["key"]) ?? string.Empty);
        var file = rejection == SignedUrlRejection.None ? await functions.Reports.OpenAsync(key, context.RequestAborted).ConfigureAwait(false) : null;
        if (file is null)
        {
            // CloudFront answers 403 AccessDenied for a bad signature and, behind OAC without
            // s3:ListBucket, for a missing object too. The reason header is local only.
            context.Response.StatusCode = 403;
            context.Response.ContentType = "application/xml";
            context.Response.Headers["X-Cache"] = "Error from cloudfront";
            context.Response.Headers["X-Local-Reason"] = rejection == SignedUrlRejection.None ? "NoSuchKey" : rejection.ToString();
            await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access denied</Message></Error>").ConfigureAwait(false);
            return;
        }

        await using (file.Content.ConfigureAwait(false))
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = file.ContentType;
            context.Response.ContentLength = file.Length;
            context.Response.Headers["X-Cache"] = "Miss from cloudfront";
            if (!HttpMethods.IsHead(request.Method))
            {
                await file.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
