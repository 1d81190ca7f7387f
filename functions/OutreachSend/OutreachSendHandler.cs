using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmMail.Aws.ApiGateway;
using CrmMail.Hosting;
using CrmMail.Hosting.Crm;
using CrmMail.Hosting.Http;
using CrmMail.Hosting.Logging;
using CrmMail.Hosting.Metrics;
using CrmMail.Hosting.Responses;
using CrmMail.Kernel;
using CrmMail.Kernel.RateLimiting;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Mail.Outreach;
using CrmMail.Mail.Sending;
using CrmMail.Routes;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Functions.OutreachSend;

/// <summary>
/// POST /outreach/send-email and /outreach/send-template-email, in this order: CORS preflight;
/// the Firebase ID token (401 with WWW-Authenticate: Bearer when missing or invalid, 403 when
/// the email is unverified or the deployment's required claim is missing); the caller's
/// per-route rate limit (429 with Retry-After and X-RateLimit-*); the body (400 naming every
/// field); the send. 200 when nothing failed, 207 when some recipients failed, 502 when all
/// were refused, 503 with Retry-After when nothing went out because a dependency is down. Every
/// error is the CRM's ErrorResponse.
/// </summary>
internal sealed class OutreachSendHandler(
    OutreachSendFlow flow,
    OutreachValidator validator,
    IIdentityVerifier identities,
    ClaimRequirement? requiredClaim,
    FixedWindowRateLimiter limiter,
    IReadOnlyDictionary<string, RateLimitPolicy> policies,
    int maxBodyBytes,
    IReadOnlyList<string> corsOrigins,
    TimeProvider timeProvider,
    EmfMetrics metrics)
{
    private readonly CrmCallerGate _gate = new(
        identities,
        requiredClaim,
        limiter,
        metrics,
        RateLimitedMetric,
        new CrmReplies(ApiVersion, CorsPolicy.ForCrm(corsOrigins, "POST, OPTIONS"), timeProvider));

    private CrmReplies Replies => _gate.Replies;

    /// <summary>The version field of every reply (the CRM's API version).</summary>
    public const string ApiVersion = "1.0.0";

    /// <summary>The EMF metric of recipient outcomes (dimensions Route, Status).</summary>
    public const string SendsMetric = "OutreachSends";

    /// <summary>The EMF metric of requests refused by the per-user limit (no dimension; alarmed over 100 an hour).</summary>
    public const string RateLimitedMetric = "OutreachRateLimited";

    public async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var view = new RequestView(request);
        var path = view.Resource;
        if (!policies.TryGetValue(path, out var policy))
        {
            return Replies.Error(view, 404, "not_found", "No such route.");
        }

        if (view.Method == "OPTIONS")
        {
            return Replies.WithCors(view, ApiResponses.Text(204, string.Empty));
        }

        if (view.Method != "POST")
        {
            return Replies.Error(view, 405, "method_not_allowed", "Use POST.");
        }

        using var deadline = InvocationDeadline.Start(context);
        CrmGateOutcome caller;
        try
        {
            // The caller's checks and allowance (the rate-limited metric is alarmed in infra/Functions/OutreachSendFunction.cs).
            caller = await _gate.PassAsync(view, policy, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException || deadline.Explains(exception))
        {
            return Unavailable(view, context, exception.Message);
        }

        if (!caller.Passed)
        {
            return caller.Refusal;
        }

        var decision = caller.Decision;
        var identity = caller.Identity;

        return CrmReplies.WithRateLimit(await SendAsync(view, context, path, identity, deadline).ConfigureAwait(false), decision);
    }

    private async Task<APIGatewayProxyResponse> SendAsync(RequestView view, ILambdaContext context, string path, IdentityCheck identity, InvocationDeadline deadline)
    {
        if (!view.TryBodyText(out var body))
        {
            return Replies.Error(view, 400, RequestBody.InvalidEncodingCode, RequestBody.InvalidEncodingMessage);
        }

        if (Encoding.UTF8.GetByteCount(body) > maxBodyBytes)
        {
            return Replies.Error(view, 413, "payload_too_large", $"The request body is limited to {maxBodyBytes} bytes.");
        }

        OutreachRequest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, OutreachJsonContext.Default.OutreachRequest);
        }
        catch (JsonException)
        {
            parsed = null;
        }

        if (parsed is null)
        {
            return Replies.Error(view, 400, "invalid_json", "The body must be a JSON object.");
        }

        var template = path == OutreachPaths.SendTemplateEmail;
        var validation = template ? validator.ValidateTemplate(parsed) : validator.ValidateEmail(parsed);
        if (!validation.IsValid)
        {
            return Replies.Error(view, 400, "validation_failed", Summary("The request is invalid", validation.Errors), Details(validation.Errors));
        }

        var audit = HttpAuditContext.For(view, context, AuditSource.SendGate) with { Actor = identity.Actor };
        OutreachOutcome outcome;
        try
        {
            outcome = await flow.RunAsync(validation.Command!, audit, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException || deadline.Explains(exception))
        {
            return Unavailable(view, context, exception.Message);
        }

        switch (outcome.Status)
        {
            case OutreachStatus.TemplateNotFound:
                return Replies.Error(view, 400, "template_not_found", Summary("Unknown template", outcome.Problems), Details(outcome.Problems));
            case OutreachStatus.TemplateRejected:
                return Replies.Error(view, 400, "template_variables_invalid", Summary("The template variables do not fit the template", outcome.Problems), Details(outcome.Problems));
        }

        var results = outcome.Results;
        var sent = results.Count(r => r.Status == RecipientResult.Sent);
        var suppressed = results.Count(r => r.Status == RecipientResult.Suppressed);
        var failed = results.Count(r => r.Status == RecipientResult.Failed);
        var route = template ? "send-template-email" : "send-email";
        foreach (var status in (ReadOnlySpan<string>)[RecipientResult.Sent, RecipientResult.Suppressed, RecipientResult.Failed])
        {
            metrics.Emit(SendsMetric, results.Count(r => r.Status == status), MetricUnit.Count, new KeyValuePair<string, string>("Route", route), new KeyValuePair<string, string>("Status", status));
        }

        context.Logger.WriteInformation(
            "outreach-send",
            LogField.Of("route", route),
            LogField.Of("recipients", (long)results.Count),
            LogField.Of("sent", (long)sent),
            LogField.Of("suppressed", (long)suppressed),
            LogField.Of("failed", (long)failed));
        if (failed > 0 && sent == 0 && results.All(r => r.Error is null || r.Error.Retryable))
        {
            // Nothing went out and every failure is an outage: the whole request is retryable.
            return Unavailable(view, context, "every recipient failed on an unavailable dependency");
        }

        var firstId = results.FirstOrDefault(r => r.MessageId is not null)?.MessageId;
        var summary = string.Create(CultureInfo.InvariantCulture, $"Sent to {sent} of {results.Count} recipients; {suppressed} unsubscribed, {failed} failed.");
        var (statusCode, message) = (failed, sent) switch
        {
            (0, > 0) => (200, template ? "Template email sent successfully" : "Email sent successfully"),
            (0, 0) => (200, "No email sent: every recipient has unsubscribed from outreach."),
            (_, 0) => (502, "The mail service refused the message."),
            _ => (207, "Some recipients failed."),
        };
        var reply = new OutreachReply(failed == 0, message, firstId, firstId is null ? null : new OutreachReplyData(firstId, summary), results, Replies.Now(), ApiVersion);
        return Replies.WithCors(view, ApiResponses.Json(statusCode, reply, OutreachSendJsonContext.Default.OutreachReply));
    }

    private static string Summary(string what, IReadOnlyList<Mail.Validation.FieldError> problems)
        => what + ": " + string.Join("; ", problems.Select(p => p.Field + ": " + p.Message));

    private static List<ApiErrorDetail> Details(IReadOnlyList<Mail.Validation.FieldError> problems)
        => problems.Select(p => new ApiErrorDetail(p.Field, p.Message)).ToList();

    private APIGatewayProxyResponse Unavailable(RequestView view, ILambdaContext context, string reason)
    {
        context.Logger.WriteWarning("A dependency is unavailable; nothing was sent.", LogField.Of("reason", reason));
        var response = Replies.Error(view, 503, "unavailable", "A dependency is temporarily unavailable; nothing was sent. Please retry.");
        response.Headers!["Retry-After"] = "30";
        return response;
    }



}
