using System.Globalization;
using System.Text.Json;
using CrmMail.Gallery;
using CrmMail.Hosting;
using CrmMail.Hosting.Http;
using CrmMail.Hosting.Logging;
using CrmMail.Hosting.Responses;
using CrmMail.Kernel;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;

namespace CrmMail.Functions.Gallery;

/// <summary>
/// HTTP in, <see cref="GalleryFlow"/> or <see cref="UploadFlow"/>, HTTP out: the two routes, their
/// CORS preflights, and every outcome mapped to a status in one place (<see cref="Refusal"/>).
/// </summary>
internal sealed class GalleryHandler(GalleryFlow gallery, UploadFlow uploads, IReadOnlyList<string> corsOrigins)
{
    // Methods per route (GET for images, POST for uploads): set per answer.
    private readonly CorsPolicy _cors = new() { Origins = corsOrigins, Methods = "OPTIONS" };

    private const int MaxBodyBytes = 4 * 1024;

    public async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var view = new RequestView(request);
        var isUpload = view.Resource.EndsWith("/uploads", StringComparison.Ordinal);
        var allowed = isUpload ? "POST" : "GET";
        if (view.Method == "OPTIONS")
        {
            return WithCors(view, ApiResponses.Text(204, string.Empty), allowed);
        }

        if (view.Method != allowed)
        {
            return WithCors(view, ApiResponses.Error(405, "method_not_allowed", "Use " + allowed + "."), allowed);
        }

        string? bearer = null;
        if (view.Header("Authorization") is { } authorization)
        {
            if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return WithCors(view, Refusal(GalleryStatus.Unauthorized, "invalid_credentials", "Authorization must be 'Bearer <Firebase ID token>'."), allowed);
            }

            bearer = authorization["Bearer ".Length..].Trim();
        }

        var spaceId = request.PathParameters is { } parameters && parameters.TryGetValue("spaceId", out var value) ? value : null;
        using var deadline = InvocationDeadline.Start(context);
        try
        {
            return WithCors(view, isUpload ? await UploadAsync(view, bearer, spaceId, context, deadline.Token).ConfigureAwait(false) : await ListAsync(view, bearer, spaceId, context, deadline.Token).ConfigureAwait(false), allowed);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException || deadline.Explains(exception))
        {
            context.Logger.WriteWarning("A dependency is unavailable; the caller should retry.", LogField.Of("reason", exception.Message));
            var unavailable = ApiResponses.Error(503, "unavailable", "A dependency is temporarily unavailable; please retry.");
            unavailable.Headers!["Retry-After"] = "5";
            return WithCors(view, unavailable, allowed);
        }
    }

    private async Task<APIGatewayProxyResponse> ListAsync(RequestView view, string? bearer, string? spaceId, ILambdaContext context, CancellationToken cancellationToken)
    {
        var outcome = await gallery.RunAsync(bearer, spaceId, view.Query("nextToken"), cancellationToken).ConfigureAwait(false);
        context.Logger.WriteInformation("gallery-list", LogField.Of("status", outcome.Status.ToString()), LogField.Of("reason", outcome.Reason), LogField.Of("images", outcome.Images.Count));
        if (outcome.Status != GalleryStatus.Granted)
        {
            return Refusal(outcome.Status, outcome.Reason!, outcome.Message!);
        }

        var images = outcome.Images.Select(i => new ImageReply(i.Key, i.Name, i.Size, Instant(i.LastModified), i.Url)).ToList();
        return ApiResponses.Json(200, new ImagesReply(images, outcome.NextToken, Instant(outcome.ExpiresAt!.Value)), GalleryJsonContext.Default.ImagesReply);
    }

    private async Task<APIGatewayProxyResponse> UploadAsync(RequestView view, string? bearer, string? spaceId, ILambdaContext context, CancellationToken cancellationToken)
    {
        if (!view.TryBodyText(out var text))
        {
            return ApiResponses.Error(400, RequestBody.InvalidEncodingCode, RequestBody.InvalidEncodingMessage);
        }

        UploadBody? body;
        try
        {
            body = text.Length > MaxBodyBytes ? null : JsonSerializer.Deserialize(text, GalleryJsonContext.Default.UploadBody);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            return ApiResponses.Error(400, "invalid_json", "The body must be a JSON object {fileName, contentType, size} of at most 4 KB.");
        }

        var outcome = await uploads.RunAsync(bearer, spaceId, body.FileName ?? body.Name, body.ContentType, body.Size, cancellationToken).ConfigureAwait(false);
        context.Logger.WriteInformation("gallery-upload", LogField.Of("status", outcome.Status.ToString()), LogField.Of("reason", outcome.Reason));
        if (outcome.Ticket is not { } ticket)
        {
            var details = outcome.Allowed?.Select(t => new ApiErrorDetail("contentType", t)).ToList();
            return Refusal(outcome.Status, outcome.Reason!, outcome.Message!, details);
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Content-Type"] = ticket.ContentType,
            ["Content-Length"] = ticket.Size.ToString(CultureInfo.InvariantCulture),
        };
        return ApiResponses.Json(201, new UploadReply(ticket.Key, ticket.Url, "PUT", headers, Instant(ticket.ExpiresAt)), GalleryJsonContext.Default.UploadReply);
    }

    /// <summary>The one mapping of a refusal to HTTP.</summary>
    private static APIGatewayProxyResponse Refusal(GalleryStatus status, string reason, string message, IReadOnlyList<ApiErrorDetail>? details = null)
    {
        var response = ApiResponses.Error(
            status switch
            {
                GalleryStatus.BadRequest => 400,
                GalleryStatus.Unauthorized => 401,
                GalleryStatus.Forbidden => 403,
                _ => throw new InvalidOperationException("Not a refusal."),
            },
            reason,
            message,
            details);
        if (status == GalleryStatus.Unauthorized)
        {
            response.Headers!["WWW-Authenticate"] = "Bearer";
        }

        return response;
    }

    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private APIGatewayProxyResponse WithCors(RequestView view, APIGatewayProxyResponse response, string method)
    {
        (_cors with { Methods = method + ", OPTIONS" }).Apply(view.Header("Origin"), response.Headers!);
        return response;
    }
}
