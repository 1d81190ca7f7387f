using System.Globalization;
using CrmMail.Hosting;
using CrmMail.Hosting.Crm;
using CrmMail.Hosting.Http;
using CrmMail.Hosting.Logging;
using CrmMail.Hosting.Metrics;
using CrmMail.Hosting.Responses;
using CrmMail.Inbound.Events;
using CrmMail.Inbound.Stats;
using CrmMail.Kernel;
using CrmMail.Kernel.RateLimiting;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Routes;

namespace CrmMail.Functions.OutreachStats;

/// <summary>
/// GET /outreach/campaign-stats and /outreach/tracking-data, in the order OutreachSend checks:
/// CORS preflight; the Firebase ID token (401 with WWW-Authenticate: Bearer when missing or
/// invalid, 403 when the email is unverified or the deployment's required claim is missing); the
/// caller's rate limit, one allowance for both routes (429 with Retry-After and X-RateLimit-*);
/// the query (400 naming every refused parameter); the read. 503 with Retry-After when a table
/// cannot be read. Every error is the CRM's ErrorResponse. Nothing the caller asked about (a
/// message id, an address) is logged.
/// </summary>
internal sealed class OutreachStatsHandler(
    CampaignStatsFlow campaignStats,
    TrackingDataFlow trackingData,
    IIdentityVerifier identities,
    ClaimRequirement? requiredClaim,
    FixedWindowRateLimiter limiter,
    RateLimitPolicy policy,
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
        new CrmReplies(ApiVersion, CorsPolicy.ForCrm(corsOrigins, "GET, OPTIONS"), timeProvider));

    private CrmReplies Replies => _gate.Replies;

    /// <summary>The version field of every reply (the CRM's API version).</summary>
    public const string ApiVersion = "1.0.0";

    /// <summary>The EMF metric of requests refused by the per-user limit (no dimension; alarmed over 100 an hour).</summary>
    public const string RateLimitedMetric = "OutreachStatsRateLimited";

    public async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = new RequestView(request);
        var path = view.Resource;
        if (path is not (OutreachPaths.CampaignStats or OutreachPaths.TrackingData))
        {
            return Replies.Error(view, 404, "not_found", "No such route.");
        }

        if (view.Method == "OPTIONS")
        {
            return Replies.WithCors(view, ApiResponses.Text(204, string.Empty));
        }

        if (view.Method != "GET")
        {
            return Replies.Error(view, 405, "method_not_allowed", "Use GET.");
        }

        using var deadline = InvocationDeadline.Start(context);
        CrmGateOutcome caller;
        try
        {
            // The caller's checks and allowance (the rate-limited metric is alarmed in infra/Functions/OutreachStatsFunction.cs).
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

        try
        {
            var response = path == OutreachPaths.CampaignStats
                ? await CampaignStatsAsync(view, request, context, deadline.Token).ConfigureAwait(false)
                : await TrackingDataAsync(view, context, deadline.Token).ConfigureAwait(false);
            return CrmReplies.WithRateLimit(response, decision);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException || deadline.Explains(exception))
        {
            return CrmReplies.WithRateLimit(Unavailable(view, context, exception.Message), decision);
        }
    }

    private async Task<APIGatewayProxyResponse> CampaignStatsAsync(RequestView view, APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        var outcome = await campaignStats.RunAsync(
            new CampaignStatsRequest(view.Query("campaignId"), view.Query("startDate"), view.Query("endDate"), Tags(request), view.Query("limit"), view.Query("offset")),
            cancellationToken).ConfigureAwait(false);
        if (outcome.Status == CampaignStatsStatus.Invalid)
        {
            return Invalid(view, outcome.Problems);
        }

        context.Logger.WriteInformation(
            "outreach-stats",
            LogField.Of("route", "campaign-stats"),
            LogField.Of("days", (long)(outcome.To.DayNumber - outcome.From.DayNumber + 1)),
            LogField.Of("campaigns", (long)outcome.CampaignCount));
        var totals = outcome.Totals;
        var rows = outcome.Campaigns.Select(c => new CampaignRow(
            c.Name, c.Totals.Sent, c.Totals.Delivered, c.Totals.Opened, c.Totals.Clicked, c.Totals.Bounced, c.Totals.Complained, c.Totals.Unsubscribed,
            c.Totals.Suppressed, c.Totals.Opens, c.Totals.Clicks, c.Totals.DeliveryRate, c.Totals.OpenRate, c.Totals.ClickRate)).ToList();
        var data = new CampaignStatsData(
            totals.Sent, totals.Delivered, totals.Opened, totals.Clicked, totals.Bounced, totals.Complained, totals.Unsubscribed,
            totals.DeliveryRate, totals.OpenRate, totals.ClickRate, rows, totals.Opens, totals.Clicks, totals.Suppressed,
            Date(outcome.From), Date(outcome.To),
            new Pagination(outcome.CampaignCount, outcome.Limit, outcome.Offset, outcome.Offset + rows.Count < outcome.CampaignCount, Truncated: false));
        return Replies.WithCors(view, ApiResponses.Json(200, new CampaignStatsReply(true, data, Replies.Now(), ApiVersion), OutreachStatsJsonContext.Default.CampaignStatsReply));
    }

    private async Task<APIGatewayProxyResponse> TrackingDataAsync(RequestView view, ILambdaContext context, CancellationToken cancellationToken)
    {
        var recipient = view.Query("recipientEmail");
        var outcome = await trackingData.RunAsync(
            new TrackingDataRequest(view.Query("messageId"), recipient, view.Query("startDate"), view.Query("endDate"), view.Query("eventType"), view.Query("limit"), view.Query("offset")),
            cancellationToken).ConfigureAwait(false);
        if (outcome.Status == TrackingDataStatus.Invalid)
        {
            return Invalid(view, outcome.Problems);
        }

        context.Logger.WriteInformation(
            "outreach-stats",
            LogField.Of("route", "tracking-data"),
            LogField.Of("matched", (long)outcome.Total),
            LogField.Of("returned", (long)outcome.Events.Count),
            LogField.Of("truncated", outcome.Truncated ? "true" : "false"));
        var events = outcome.Events.Select(e => new TrackingEvent(
            e.Event.MessageId,
            e.Event.Kind,
            e.Event.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            // Only the caller's own words back: no table holds an address.
            string.IsNullOrEmpty(recipient) ? null : recipient.Trim(),
            e.Event.RecipientHash.Length == 0 ? null : e.Event.RecipientHash,
            e.Event.Campaign == DeliveryEventKinds.NoCampaign ? [] : [e.Event.Campaign],
            e.Event.Campaign,
            e.Event.Stream,
            e.Event.Provider,
            e.ProviderEvent,
            e.Event.Details,
            TrackingDetails.DeliveryStatusOf(e.Event) is { } status ? new DeliveryStatusReply(status.Code, status.Message, status.Description) : null,
            TrackingDetails.ClientInfoOf(e.Event) is { } client ? new ClientInfoReply(client.ClientName, client.ClientOs, client.DeviceType, client.UserAgent) : null,
            TrackingDetails.GeolocationOf(e.Event) is { } place ? new GeolocationReply(place.Country, place.Region, place.City) : null)).ToList();
        var pagination = new Pagination(outcome.Total, outcome.Limit, outcome.Offset, outcome.Truncated || outcome.Offset + events.Count < outcome.Total, outcome.Truncated);
        return Replies.WithCors(view, ApiResponses.Json(200, new TrackingDataReply(true, new TrackingData(events, pagination), Replies.Now(), ApiVersion), OutreachStatsJsonContext.Default.TrackingDataReply));
    }

    /// <summary>tags, repeated (<c>tags=a&amp;tags=b</c>) or comma-separated (<c>tags=a,b</c>), as the CRM's array may arrive.</summary>
    private static List<string> Tags(APIGatewayProxyRequest request)
    {
        IEnumerable<string> values = request.MultiValueQueryStringParameters?.TryGetValue("tags", out var many) == true ? many
            : request.QueryStringParameters?.TryGetValue("tags", out var one) == true ? [one]
            : [];
        return [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }

    private APIGatewayProxyResponse Invalid(RequestView view, IReadOnlyList<QueryProblem> problems)
        => Replies.Error(
            view,
            400,
            "invalid_parameters",
            "The query is invalid: " + string.Join("; ", problems.Select(p => p.Field + " " + p.Message)),
            [.. problems.Select(p => new ApiErrorDetail(p.Field, p.Message))]);

    private APIGatewayProxyResponse Unavailable(RequestView view, ILambdaContext context, string reason)
    {
        context.Logger.WriteWarning("A dependency is unavailable; nothing was read.", LogField.Of("reason", reason));
        var response = Replies.Error(view, 503, "unavailable", "A dependency is temporarily unavailable. Please retry.");
        response.Headers!["Retry-After"] = "30";
        return response;
    }


    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

}
