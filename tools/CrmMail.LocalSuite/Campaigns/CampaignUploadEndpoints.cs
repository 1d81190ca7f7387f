using CrmMail.Functions.Campaigns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CrmMail.LocalSuite.Campaigns;

/// <summary>
/// The campaign bucket's presigned PUT under serve (<see cref="LocalCampaignUploads.PathPrefix"/>):
/// a URL that POST /campaigns/uploads handed out, checked (signature, expiry) before anything is
/// written; refused as S3 refuses one, 403 AccessDenied. With <c>--aws-endpoint</c> the URLs point
/// at the endpoint's S3 and this route answers 404.
/// </summary>
internal sealed class CampaignUploadEndpoints(Func<Task<SuiteComposition>> functionsReady)
{
    public void Map(WebApplication app)
        => app.MapMethods(LocalCampaignUploads.PathPrefix + "{**key}", ["PUT"], PutAsync);

    private async Task PutAsync(HttpContext context)
    {
        var functions = await functionsReady().ConfigureAwait(false);
        if (functions.LocalUploads is not { } uploads)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var key = (string?)context.Request.RouteValues["key"] ?? string.Empty;
        var query = context.Request.Query;
        if (!uploads.Verify(key, query["expires"].ToString(), query["signature"].ToString()))
        {
            await ErrorAsync(context, StatusCodes.Status403Forbidden, "AccessDenied", "Request has expired or the signature does not match.").ConfigureAwait(false);
            return;
        }

        // A list is read up to the API's limit; a bigger one is refused here rather than stored.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = CampaignsSettings.MaxListBytes;
        }

        try
        {
            await uploads.WriteAsync(key, context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.").ConfigureAwait(false);
            return;
        }
        catch (ArgumentException)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidArgument", "Not a campaign object key.").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>").ConfigureAwait(false);
    }
}
