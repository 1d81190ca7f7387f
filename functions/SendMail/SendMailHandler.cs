using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using CrmMail.Aws.ApiGateway;
using CrmMail.Hosting.Http;
using CrmMail.Hosting.Logging;
using CrmMail.Hosting.Metrics;
using CrmMail.Hosting.Responses;
using CrmMail.Hosting;
using CrmMail.Kernel;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Mail.Idempotency;
using CrmMail.Mail.Sending;
using CrmMail.Mail.Validation;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Functions.SendMail;

/// <summary>
/// POST /send-mail: parse and validate (400 listing every field, 413 over the size, recipient
/// or report limit), honour Idempotency-Key, send, and answer 200 (all sent or suppressed), 207
/// (some failed), 502 (all failed and at least one refused); 422 when a report is missing; 503
/// with Retry-After when nothing was sent because a dependency is down, before the recipients
/// or for every one of them (the Idempotency-Key is released so the retry runs).
/// </summary>
internal sealed class SendMailHandler(SendMailFlow flow, SendMailValidator validator, IIdempotencyStore idempotency, int maxBodyBytes, TimeProvider timeProvider, EmfMetrics metrics)
{
    public const string ApiVersion = "1.0";

    /// <summary>The EMF metric of recipient outcomes (dimension Status: sent, suppressed, failed).</summary>
    public const string SendsMetric = "Sends";

    public async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var view = new RequestView(request);
        if (view.Method != "POST")
        {
            return ApiResponses.Error(405, "method_not_allowed", "Use POST.");
        }

        if (!view.TryBodyText(out var body))
        {
            return RequestBody.InvalidEncoding();
        }

        if (Encoding.UTF8.GetByteCount(body) > maxBodyBytes)
        {
            return ApiResponses.Error(413, "payload_too_large", $"The request body is limited to {maxBodyBytes} bytes.");
        }

        SendMailRequest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, SendMailJsonContext.Default.SendMailRequest);
        }
        catch (JsonException)
        {
            parsed = null;
        }

        if (parsed is null)
        {
            return ApiResponses.Error(400, "invalid_json", "The body must be a JSON object.");
        }

        var validation = validator.Validate(parsed);
        if (!validation.IsValid)
        {
            return ValidationResponses.For(validation);
        }

        var command = validation.Command;
        if (!IdempotencyKeyHeader.TryScope(view, request, out var scopedKey, out var invalidKey))
        {
            return invalidKey;
        }

        var requestHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        using var deadline = InvocationDeadline.Start(context);
        IdempotentRequest idempotent;
        try
        {
            idempotent = await IdempotentRequest.ClaimAsync(idempotency, scopedKey, requestHash, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException || deadline.Explains(exception))
        {
            return Unavailable(context, exception);
        }

        if (IdempotencyKeyHeader.AnswerFor(idempotent.Claim) is { } answer)
        {
            return answer;
        }

        return await SendAsync(view, context, command, idempotent, deadline).ConfigureAwait(false);
    }

    private async Task<APIGatewayProxyResponse> SendAsync(RequestView view, ILambdaContext context, SendMailCommand command, IdempotentRequest idempotent, InvocationDeadline deadline)
    {
        var audit = HttpAuditContext.For(view, context, AuditSource.SendGate);
        SendMailOutcome outcome;
        try
        {
            outcome = await flow.RunAsync(command, audit, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException || deadline.Explains(exception))
        {
            await ReleaseAsync(idempotent, context, deadline).ConfigureAwait(false);
            return Unavailable(context, exception);
        }

        if (outcome.MissingReports.Count > 0)
        {
            await ReleaseAsync(idempotent, context, deadline).ConfigureAwait(false);
            return ApiResponses.Error(422, "reports_missing", "Reports are missing for some customIds; nothing was sent.",
                outcome.MissingReports.Select(id => new ApiErrorDetail("customIds", id)).ToList());
        }

        // Sends by status (the dashboard): one count per recipient outcome, zeros included.
        foreach (var recipientStatus in (ReadOnlySpan<string>)[RecipientResult.Sent, RecipientResult.Suppressed, RecipientResult.Failed])
        {
            metrics.Emit(SendsMetric, outcome.Results.Count(r => r.Status == recipientStatus), MetricUnit.Count, new KeyValuePair<string, string>("Status", recipientStatus));
        }

        var failed = outcome.Results.Count(r => r.Status == RecipientResult.Failed);
        var sent = outcome.Results.Count(r => r.Status == RecipientResult.Sent);
        if (failed > 0 && sent == 0 && outcome.Results.All(r => r.Error is null || r.Error.Retryable))
        {
            // Nothing went out and every failure is an outage (contact list, keys, secret, the
            // mail service): the whole request is retryable, so it is 503, not a per-recipient 502.
            await ReleaseAsync(idempotent, context, deadline).ConfigureAwait(false);
            return Unavailable(context, "every recipient failed on an unavailable dependency");
        }

        var status = failed == 0 ? 200 : failed == outcome.Results.Count ? 502 : 207;
        var reply = JsonSerializer.Serialize(
            new SendMailReply(failed == 0, outcome.Results, timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), ApiVersion),
            SendMailReplyJsonContext.Default.SendMailReply);
        context.Logger.WriteInformation(
            "send-mail",
            LogField.Of("recipients", (long)outcome.Results.Count),
            LogField.Of("sent", (long)sent),
            LogField.Of("suppressed", (long)outcome.Results.Count(r => r.Status == RecipientResult.Suppressed)),
            LogField.Of("failed", (long)failed),
            LogField.Of("failedRetryable", (long)outcome.Results.Count(r => r.Error?.Retryable == true)),
            LogField.Of("reports", (long)outcome.Links.Count));
        // 502: nothing went out, so a retry with the same key should really retry.
        if (await idempotent.CompleteAsync(status, reply, nothingSent: status == 502, deadline.WrapUpToken).ConfigureAwait(false) is { } failure)
        {
            // The mail is out; the answer must still reach the caller. A retry within the
            // lock time gets 409, after it the key can be claimed again.
            context.Logger.WriteError("Could not record the idempotent response.", LogField.Of("errorType", failure.GetType().Name));
        }

        return ApiResponses.RawJson(status, reply);
    }

    private static async Task ReleaseAsync(IdempotentRequest idempotent, ILambdaContext context, InvocationDeadline deadline)
    {
        // After the work's deadline, inside the reserve kept for the answer.
        if (await idempotent.ReleaseAsync(deadline.WrapUpToken).ConfigureAwait(false) is { } failure)
        {
            // The answer (503, 422) must still reach the caller; the key's lock expires on its own.
            context.Logger.WriteError("Could not release the idempotency key.", LogField.Of("errorType", failure.GetType().Name));
        }
    }

    private static APIGatewayProxyResponse Unavailable(ILambdaContext context, Exception exception)
        => Unavailable(context, exception.Message);

    private static APIGatewayProxyResponse Unavailable(ILambdaContext context, string reason)
    {
        context.Logger.WriteWarning("A dependency is unavailable; nothing was sent.", LogField.Of("reason", reason));
        var response = ApiResponses.Error(503, "unavailable", "A dependency is temporarily unavailable; nothing was sent. Please retry.");
        response.Headers!["Retry-After"] = "30";
        return response;
    }
}
