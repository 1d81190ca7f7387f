using System.Diagnostics.CodeAnalysis;
using CrmMail.Hosting.Http;
using CrmMail.Hosting.Responses;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Mail.Idempotency;

namespace CrmMail.Aws.ApiGateway;

/// <summary>
/// The <c>Idempotency-Key</c> header as send-mail and POST /campaigns read it: 1 to 255
/// printable ASCII characters, scoped by the caller's API key id (two CRM tenants never
/// collide), and the answer a claim that is not fresh gets (the first answer replayed, 409
/// while it runs, 422 for a different body under the same key).
/// </summary>
public static class IdempotencyKeyHeader
{
    /// <summary>
    /// The caller-scoped key (null without the header), or the 400 <c>invalid_idempotency_key</c>
    /// to answer.
    /// </summary>
    public static bool TryScope(RequestView view, APIGatewayProxyRequest request, out string? scopedKey, [NotNullWhen(false)] out APIGatewayProxyResponse? error)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(request);
        scopedKey = null;
        error = null;
        var key = view.Header("Idempotency-Key");
        if (key is null)
        {
            return true;
        }

        if (key.Length is 0 or > 255 || key.Any(c => c is < '!' or > '~'))
        {
            error = ApiResponses.Error(400, "invalid_idempotency_key", "Idempotency-Key is 1 to 255 printable ASCII characters.");
            return false;
        }

        scopedKey = (request.RequestContext?.Identity?.ApiKeyId ?? "anonymous") + ":" + key;
        return true;
    }

    /// <summary>The answer for a claim that did not start fresh work, or null when the work should run.</summary>
    public static APIGatewayProxyResponse? AnswerFor(IdempotencyClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        switch (claim.State)
        {
            case IdempotencyState.Completed:
                var replay = ApiResponses.RawJson(claim.StatusCode, claim.Response!);
                replay.Headers!["Idempotent-Replayed"] = "true";
                return replay;
            case IdempotencyState.InProgress:
                return ApiResponses.Error(409, "request_in_progress", "A request with this Idempotency-Key is still running.");
            case IdempotencyState.Mismatch:
                return ApiResponses.Error(422, "idempotency_key_reused", "This Idempotency-Key was used for a different request.");
            default:
                return null;
        }
    }
}
