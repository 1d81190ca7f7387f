using CrmMail.Aws.ApiGateway;
using CrmMail.Hosting;
using CrmMail.Hosting.Http;
using CrmMail.Hosting.Logging;
using CrmMail.Hosting.Responses;
using CrmMail.Kernel;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Functions.Unsubscribe;

/// <summary>
/// HTTP in, <see cref="UnsubscribeFlow"/>, HTTP out. All result-to-HTTP mapping lives here.
/// GET redirects only ever to the configured confirmation URL: non-identifying values
/// (status, topic, error) in its query, the address and the token in its fragment, which
/// browsers never send to a server, so neither lands in access logs.
/// </summary>
internal sealed class UnsubscribeHandler(UnsubscribeFlow flow, PiiHasher hasher, Uri confirmationUrl, bool applyOnGet)
{
    private const string OneClickField = "List-Unsubscribe";
    private const string OneClickValue = "One-Click";
    private const string RetryAfterSeconds = "30";

    public async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var view = new RequestView(request);
        var stream = StreamOf(view.Resource);
        if (stream is null)
        {
            return ApiResponses.Error(404, "not_found", "No such unsubscribe stream.");
        }

        var isGet = view.Method is "GET" or "HEAD";
        if (!isGet && view.Method != "POST")
        {
            return ApiResponses.Error(405, "method_not_allowed", "Use GET or POST.");
        }

        if (!isGet && !view.TryBodyText(out _))
        {
            return RequestBody.InvalidEncoding();
        }

        if (!isGet && !IsOneClickBody(view))
        {
            return ApiResponses.Error(400, "invalid_body", "A one-click unsubscribe POST carries List-Unsubscribe=One-Click (RFC 8058).");
        }

        var audit = HttpAuditContext.For(view, context, isGet ? AuditSource.Get : AuditSource.Post);
        using var deadline = InvocationDeadline.Start(context);

        UnsubscribeOutcome outcome;
        try
        {
            // A HEAD (link preview) never changes anything.
            outcome = await flow.RunAsync(view.Query("data"), stream, apply: !isGet || (applyOnGet && view.Method == "GET"), audit, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException || deadline.Explains(exception))
        {
            context.Logger.WriteWarning("A dependency is unavailable; the caller should retry.", LogField.Of("reason", exception.Message), LogField.Of("stream", stream));
            return isGet ? Redirect([("error", "unavailable")], []) : Unavailable();
        }

        context.Logger.WriteInformation(
            "unsubscribe",
            LogField.Of("status", outcome.Status.ToString()),
            LogField.Of("rejection", outcome.Rejection?.ToString()),
            LogField.Of("stream", stream),
            LogField.Of("method", view.Method),
            LogField.Of("changed", outcome.Changed),
            LogField.Of("contactHash", outcome.Email is null ? null : hasher.Hash(outcome.Email)));
        return isGet ? ForGet(outcome) : ForPost(outcome);
    }

    internal static string? StreamOf(string resource)
    {
        var segments = resource.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[^1] == "unsubscribe" && Topics.IsKnown(segments[^2]) ? segments[^2] : null;
    }

    private APIGatewayProxyResponse ForGet(UnsubscribeOutcome outcome) => outcome.Status switch
    {
        UnsubscribeStatus.Unsubscribed => Redirect([("status", "unsubscribed"), ("topic", outcome.Topic!)], [("email", outcome.Email!), ("token", outcome.ResubscribeToken!)]),
        UnsubscribeStatus.ConfirmationRequired => Redirect([("status", "confirm"), ("topic", outcome.Topic!)], [("email", outcome.Email!), ("token", outcome.ResubscribeToken!)]),
        UnsubscribeStatus.InvalidToken => Redirect([("error", outcome.Rejection == TokenRejection.Expired ? "expired" : "invalid")], []),
        // A person clicked this link: like every other GET error, they land on the confirmation page.
        UnsubscribeStatus.StreamMismatch => Redirect([("error", "stream_mismatch")], []),
        _ => throw new InvalidOperationException("Unknown outcome."),
    };

    private static APIGatewayProxyResponse ForPost(UnsubscribeOutcome outcome) => outcome.Status switch
    {
        // RFC 8058: a plain 200, no redirect, no cookies, nothing to render.
        UnsubscribeStatus.Unsubscribed => new APIGatewayProxyResponse
        {
            StatusCode = 200,
            Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Cache-Control"] = "no-store", ["Content-Type"] = "text/plain; charset=utf-8" },
            Body = string.Empty,
        },
        UnsubscribeStatus.InvalidToken when outcome.Rejection == TokenRejection.Expired => ApiResponses.Error(400, "token_expired", "The unsubscribe link has expired."),
        UnsubscribeStatus.InvalidToken => ApiResponses.Error(400, "invalid_token", "The unsubscribe token is invalid."),
        UnsubscribeStatus.StreamMismatch => ApiResponses.Error(400, "stream_mismatch", "This link belongs to another mailing stream."),
        _ => throw new InvalidOperationException("A POST always applies."),
    };

    private static bool IsOneClickBody(RequestView view)
        => view.FormFields().TryGetValue(OneClickField, out var value) && value == OneClickValue;

    private static APIGatewayProxyResponse Unavailable()
    {
        var response = ApiResponses.Error(503, "unavailable", "A dependency is temporarily unavailable; please retry.");
        response.Headers!["Retry-After"] = RetryAfterSeconds;
        return response;
    }

    private APIGatewayProxyResponse Redirect((string Name, string Value)[] query, (string Name, string Value)[] fragment)
    {
        var builder = new UriBuilder(confirmationUrl);
        var existing = builder.Query.TrimStart('?');
        var added = string.Join('&', query.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
        builder.Query = existing.Length == 0 ? added : existing + "&" + added;
        builder.Fragment = string.Join('&', fragment.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
        return ApiResponses.Redirect(builder.Uri);
    }
}
