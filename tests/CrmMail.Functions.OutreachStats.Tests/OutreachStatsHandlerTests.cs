using System.Globalization;
using System.Text.Json;
using CrmMail.Inbound.Events;
using CrmMail.Inbound.Stats;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Routes;
using CrmMail.TestSupport;

namespace CrmMail.Functions.OutreachStats.Tests;

public sealed class OutreachStatsHandlerTests : IDisposable
{
    private readonly OutreachStatsHarness _harness = new(origins: "https://crm.example.com");

    public void Dispose() => _harness.Dispose();

    private static APIGatewayProxyRequest Get(string path, IDictionary<string, string>? query, string? bearer, string method = "GET", string? origin = null)
    {
        var headers = new Dictionary<string, string>();
        if (bearer is not null)
        {
            headers["Authorization"] = "Bearer " + bearer;
        }

        if (origin is not null)
        {
            headers["Origin"] = origin;
        }

        return ApiEvents.Build(method, path, query: query, headers: headers);
    }

    private Task<APIGatewayProxyResponse> CallAsync(string path, Dictionary<string, string>? query = null, TestLambdaContext? context = null, OutreachStatsHarness? harness = null)
    {
        var h = harness ?? _harness;
        return h.Handler.HandleAsync(Get(path, query, h.Token()), context ?? new TestLambdaContext());
    }

    private static JsonElement Json(APIGatewayProxyResponse response) => JsonDocument.Parse(response.Body!).RootElement;

    private static CampaignDayCounts Row(string campaign, string day, long sent, long delivered, long opened = 0, long clicked = 0, long bounced = 0)
        => new(campaign, DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture), new Dictionary<string, long>
        {
            [CampaignCounters.Sent] = sent,
            [CampaignCounters.Delivered] = delivered,
            [CampaignCounters.Opened] = opened,
            [CampaignCounters.Opens] = opened * 2,
            [CampaignCounters.Clicked] = clicked,
            [CampaignCounters.Bounced] = bounced,
        });

    private StoredDeliveryEvent Event(string id, string kind, string at, string recipient = "ada@example.com", string messageId = "msg-1", string campaign = "welcome-series")
        => new(new DeliveryEvent("ses", id, kind, DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), messageId, _harness.Hasher.Hash(recipient), campaign, "outreach", new Dictionary<string, string> { ["userAgent"] = "Mozilla/5.0" }), "Open");

    // Rule: campaign-stats answers the CRM's CampaignStatsResponse: totals over every campaign, rates as the CRM computes them, rows per campaign most sent first.
    [Fact]
    public async Task CampaignStats_VerifiedStaff_AnswersTheCrmShape()
    {
        _harness.Readers.Rows.AddRange([
            Row("welcome-series", "2026-11-20", 300, 290, opened: 100, clicked: 20, bounced: 5),
            Row("welcome-series", "2026-11-21", 200, 195, opened: 95, clicked: 22),
            Row("newsletter-oct", "2026-11-21", 750, 713, opened: 261, clicked: 47),
            Row("old", "2026-10-01", 999, 999)]);

        var response = await CallAsync(OutreachPaths.CampaignStats, new() { ["startDate"] = "2026-11-01T00:00:00Z", ["endDate"] = "2026-11-23T23:59:59Z" });

        Assert.True(response.StatusCode == 200, response.Body);
        var json = Json(response);
        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.Equal("1.0.0", json.GetProperty("version").GetString());
        var data = json.GetProperty("data");
        Assert.Equal(1250, data.GetProperty("totalSent").GetInt64());
        Assert.Equal(1198, data.GetProperty("delivered").GetInt64());
        Assert.Equal(456, data.GetProperty("opens").GetInt64());
        Assert.Equal(89, data.GetProperty("clicks").GetInt64());
        Assert.Equal(5, data.GetProperty("bounces").GetInt64());
        Assert.Equal(95.84, data.GetProperty("deliveryRate").GetDouble());
        Assert.Equal(38.06, data.GetProperty("openRate").GetDouble());
        Assert.Equal(19.52, data.GetProperty("clickRate").GetDouble());
        var campaigns = data.GetProperty("campaigns").EnumerateArray().ToList();
        Assert.Equal(["newsletter-oct", "welcome-series"], campaigns.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(500, campaigns[1].GetProperty("sent").GetInt64());
        Assert.Equal(195, campaigns[1].GetProperty("opens").GetInt64());
        Assert.Equal(2, data.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal("50", response.Headers!["X-RateLimit-Limit"]);
    }

    // Rule: tags select campaigns (a campaign is named by its tag); limit and offset page the campaign rows, totals stay over all.
    [Fact]
    public async Task CampaignStats_TagsAndPage_SelectCampaignsAndPageRows()
    {
        _harness.Readers.Rows.AddRange([Row("a", "2026-11-20", 3, 3), Row("b", "2026-11-20", 2, 2), Row("c", "2026-11-20", 1, 1)]);
        var request = Get(OutreachPaths.CampaignStats, new Dictionary<string, string> { ["limit"] = "1", ["offset"] = "1" }, _harness.Token());
        request = new APIGatewayProxyRequest
        {
            Resource = request.Resource, Path = request.Path, HttpMethod = request.HttpMethod, Headers = request.Headers, RequestContext = request.RequestContext,
            MultiValueQueryStringParameters = new Dictionary<string, IList<string>> { ["tags"] = ["a", "b,c"], ["limit"] = ["1"], ["offset"] = ["1"] },
        };

        var response = await _harness.Handler.HandleAsync(request, new TestLambdaContext());

        var data = Json(response).GetProperty("data");
        Assert.Equal(6, data.GetProperty("totalSent").GetInt64());
        Assert.Equal(["b"], data.GetProperty("campaigns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var pagination = data.GetProperty("pagination");
        Assert.Equal(3, pagination.GetProperty("total").GetInt32());
        Assert.True(pagination.GetProperty("hasMore").GetBoolean());
    }

    // Rule: a refused parameter is 400 in the CRM's ErrorResponse, naming the field.
    [Theory]
    [InlineData("limit", "0", "limit")]
    [InlineData("limit", "1001", "limit")]
    [InlineData("offset", "-1", "offset")]
    [InlineData("startDate", "yesterday", "startDate")]
    [InlineData("endDate", "2026-10-01", "endDate")]
    public async Task CampaignStats_BadParameter_Is400NamingTheField(string name, string value, string field)
    {
        var query = new Dictionary<string, string> { ["startDate"] = "2026-11-01", [name] = value };

        var response = await CallAsync(OutreachPaths.CampaignStats, query);

        Assert.Equal(400, response.StatusCode);
        var json = Json(response);
        Assert.False(json.GetProperty("success").GetBoolean());
        Assert.Equal("invalid_parameters", json.GetProperty("code").GetString());
        Assert.Equal(field, Assert.Single(json.GetProperty("details").EnumerateArray()).GetProperty("field").GetString());
        Assert.Contains(field, json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    // Rule: across all campaigns the range is read day by day, so it is bounded; one campaign's range is one read and is not.
    [Fact]
    public async Task CampaignStats_LongRangeAcrossCampaigns_Is400ButOneCampaignIsRead()
    {
        var query = new Dictionary<string, string> { ["startDate"] = "2026-01-01", ["endDate"] = "2026-11-23" };

        var across = await CallAsync(OutreachPaths.CampaignStats, query);
        query["campaignId"] = "welcome-series";
        var one = await CallAsync(OutreachPaths.CampaignStats, query);

        Assert.Equal(400, across.StatusCode);
        Assert.Equal("startDate", Json(across).GetProperty("details")[0].GetProperty("field").GetString());
        Assert.Equal(200, one.StatusCode);
    }

    // Rule: recipientEmail is looked up by its keyed hash; the address is never passed to the store nor logged; events come newest first.
    [Fact]
    public async Task TrackingData_ByRecipientEmail_ReadsByHashNewestFirstAndNeverLogsTheAddress()
    {
        _harness.Readers.Events.AddRange([
            Event("e1", DeliveryEventKinds.Delivered, "2026-11-20T10:00:00Z"),
            Event("e2", DeliveryEventKinds.Opened, "2026-11-21T10:00:00Z"),
            Event("e3", DeliveryEventKinds.Opened, "2026-11-21T11:00:00Z", recipient: "bob@example.com")]);
        var context = new TestLambdaContext();

        var response = await CallAsync(OutreachPaths.TrackingData, new() { ["recipientEmail"] = "Ada@Example.com" }, context);

        Assert.True(response.StatusCode == 200, response.Body);
        var lookup = Assert.Single(_harness.Readers.Lookups);
        Assert.Equal(EventIndex.Recipient, lookup.Index);
        Assert.Equal(_harness.Hasher.Hash("ada@example.com"), lookup.Value);
        var data = Json(response).GetProperty("data");
        var events = data.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["opened", "delivered"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal("2026-11-21T10:00:00.000Z", events[0].GetProperty("timestamp").GetString());
        Assert.Equal("msg-1", events[0].GetProperty("messageId").GetString());
        Assert.Equal("Ada@Example.com", events[0].GetProperty("recipient").GetString());
        Assert.Equal(["welcome-series"], events[0].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var pagination = data.GetProperty("pagination");
        Assert.Equal(2, pagination.GetProperty("total").GetInt32());
        Assert.Equal(100, pagination.GetProperty("limit").GetInt32());
        Assert.Equal(0, pagination.GetProperty("offset").GetInt32());
        Assert.False(pagination.GetProperty("hasMore").GetBoolean());
        Assert.DoesNotContain("example.com", ((TestLambdaLogger)context.Logger).Buffer, StringComparison.OrdinalIgnoreCase);
    }

    // Rule: eventType filters by kind; a message and a recipient together read the message and keep the recipient's events.
    [Fact]
    public async Task TrackingData_MessageRecipientAndEventType_ReadsTheMessageFiltered()
    {
        _harness.Readers.Events.AddRange([
            Event("e1", DeliveryEventKinds.Delivered, "2026-11-20T10:00:00Z"),
            Event("e2", DeliveryEventKinds.Opened, "2026-11-21T10:00:00Z"),
            Event("e3", DeliveryEventKinds.Opened, "2026-11-21T11:00:00Z", recipient: "bob@example.com")]);

        var response = await CallAsync(OutreachPaths.TrackingData, new() { ["messageId"] = "msg-1", ["recipientEmail"] = "ada@example.com", ["eventType"] = "opened" });

        var lookup = Assert.Single(_harness.Readers.Lookups);
        Assert.Equal(EventIndex.Message, lookup.Index);
        Assert.Equal(_harness.Hasher.Hash("ada@example.com"), lookup.RecipientHash);
        var only = Assert.Single(Json(response).GetProperty("data").GetProperty("events").EnumerateArray());
        Assert.Equal("opened", only.GetProperty("event").GetString());
        Assert.Equal(_harness.Hasher.Hash("ada@example.com"), only.GetProperty("recipientHash").GetString());
    }

    // Rule: tracking-data's bad parameters are 400 naming the field (unknown eventType, an address that is none, offset + limit past the read bound).
    [Theory]
    [InlineData("eventType", "viewed", "eventType")]
    [InlineData("recipientEmail", "not-an-address", "recipientEmail")]
    [InlineData("offset", "9500", "offset")]
    [InlineData("limit", "abc", "limit")]
    public async Task TrackingData_BadParameter_Is400NamingTheField(string name, string value, string field)
    {
        var response = await CallAsync(OutreachPaths.TrackingData, new() { ["messageId"] = "msg-1", ["limit"] = "1000", [name] = value });

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(field, Json(response).GetProperty("details")[0].GetProperty("field").GetString());
        Assert.Empty(_harness.Readers.Lookups);
    }

    // Rule: without a key, tracking-data reads the day index one day at a time, newest day first, over the last 30 days by default.
    [Fact]
    public async Task TrackingData_NoKey_ReadsEachDayNewestFirst()
    {
        _harness.Readers.Events.Add(Event("e1", DeliveryEventKinds.Delivered, "2026-11-22T10:00:00Z"));

        var response = await CallAsync(OutreachPaths.TrackingData);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(30, _harness.Readers.Lookups.Count);
        Assert.All(_harness.Readers.Lookups, l => Assert.Equal(EventIndex.Day, l.Index));
        Assert.Equal("2026-11-23", _harness.Readers.Lookups[0].Value);
        Assert.Equal("2026-10-25", _harness.Readers.Lookups[^1].Value);
        Assert.Equal(1, Json(response).GetProperty("data").GetProperty("pagination").GetProperty("total").GetInt32());
    }

    // Rule: tracking events carry the CRM's deliveryStatus, clientInfo and geolocation objects when the provider reported them, and omit them otherwise.
    [Fact]
    public async Task TrackingData_MailgunOpenAndSesDelivery_CrmObjects()
    {
        var open = new DeliveryEvent("mailgun", "mg-1", DeliveryEventKinds.Opened, DateTimeOffset.Parse("2026-11-22T11:00:00Z", CultureInfo.InvariantCulture), "msg-1", _harness.Hasher.Hash("ada@example.com"), "welcome-series", "outreach", new Dictionary<string, string>
        {
            ["clientName"] = "Gmail", ["clientOs"] = "Windows", ["deviceType"] = "desktop", ["country"] = "US", ["region"] = "CA", ["city"] = "San Francisco",
        });
        var delivered = new DeliveryEvent("ses", "ses-1", DeliveryEventKinds.Delivered, DateTimeOffset.Parse("2026-11-22T10:00:00Z", CultureInfo.InvariantCulture), "msg-1", _harness.Hasher.Hash("ada@example.com"), "welcome-series", "outreach", new Dictionary<string, string>
        {
            ["smtpResponse"] = "250 2.6.0 Message received",
        });
        _harness.Readers.Events.AddRange([new StoredDeliveryEvent(open, "opened"), new StoredDeliveryEvent(delivered, "Delivery")]);

        var events = Json(await CallAsync(OutreachPaths.TrackingData, new() { ["messageId"] = "msg-1" })).GetProperty("data").GetProperty("events");

        Assert.Equal("Gmail", events[0].GetProperty("clientInfo").GetProperty("clientName").GetString());
        Assert.Equal("San Francisco", events[0].GetProperty("geolocation").GetProperty("city").GetString());
        Assert.False(events[0].TryGetProperty("deliveryStatus", out _));
        Assert.Equal(250, events[1].GetProperty("deliveryStatus").GetProperty("code").GetInt32());
        Assert.False(events[1].TryGetProperty("clientInfo", out _));
        Assert.False(events[1].TryGetProperty("geolocation", out _));
    }

    // Rule: one per-uid allowance covers both routes; past it, 429 with Retry-After and the X-RateLimit headers, and an EMF count.
    [Fact]
    public async Task Routes_PastTheUsersLimit_Are429WithRetryAfter()
    {
        using var harness = new OutreachStatsHarness(rateLimit: 2);

        var first = await CallAsync(OutreachPaths.CampaignStats, harness: harness);
        var second = await CallAsync(OutreachPaths.TrackingData, new() { ["messageId"] = "m" }, harness: harness);
        var third = await CallAsync(OutreachPaths.CampaignStats, harness: harness);

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        Assert.Equal(429, third.StatusCode);
        Assert.Equal("rate_limited", Json(third).GetProperty("code").GetString());
        Assert.Equal("2", third.Headers!["X-RateLimit-Limit"]);
        Assert.Equal("0", third.Headers["X-RateLimit-Remaining"]);
        Assert.True(int.Parse(third.Headers["Retry-After"], CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Contains(OutreachStatsHandler.RateLimitedMetric, harness.Metrics.ToString(), StringComparison.Ordinal);
    }

    // Rule: no token is 401 with WWW-Authenticate: Bearer, and nothing is read.
    [Fact]
    public async Task CampaignStats_WithoutToken_Is401()
    {
        var response = await _harness.Handler.HandleAsync(Get(OutreachPaths.CampaignStats, null, bearer: null), new TestLambdaContext());

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("Bearer", response.Headers!["WWW-Authenticate"]);
        Assert.Equal("missing_token", Json(response).GetProperty("code").GetString());
    }

    // Rule: the deployment's required claim is enforced as on the send routes (403).
    [Fact]
    public async Task TrackingData_MissingRequiredClaim_Is403()
    {
        using var harness = new OutreachStatsHarness(requiredClaim: "role=outreach");

        var response = await CallAsync(OutreachPaths.TrackingData, new() { ["messageId"] = "m" }, harness: harness);

        Assert.Equal(403, response.StatusCode);
        Assert.Equal("insufficient_permissions", Json(response).GetProperty("code").GetString());
    }

    // Rule: the preflight answers the allowed origin with credentials and GET; another method is 405.
    [Fact]
    public async Task Preflight_AllowedOrigin_AnswersCorsForGet()
    {
        var preflight = await _harness.Handler.HandleAsync(Get(OutreachPaths.TrackingData, null, null, "OPTIONS", "https://crm.example.com"), new TestLambdaContext());
        var post = await _harness.Handler.HandleAsync(Get(OutreachPaths.TrackingData, null, _harness.Token(), "POST"), new TestLambdaContext());

        Assert.Equal(204, preflight.StatusCode);
        Assert.Equal("https://crm.example.com", preflight.Headers!["Access-Control-Allow-Origin"]);
        Assert.Equal("true", preflight.Headers["Access-Control-Allow-Credentials"]);
        Assert.Equal("GET, OPTIONS", preflight.Headers["Access-Control-Allow-Methods"]);
        Assert.Equal(405, post.StatusCode);
    }

    // Rule: a table that cannot be read is 503 with Retry-After, never a 500.
    [Fact]
    public async Task CampaignStats_TableUnavailable_Is503WithRetryAfter()
    {
        _harness.Readers.Down = true;

        var response = await CallAsync(OutreachPaths.CampaignStats);

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("30", response.Headers!["Retry-After"]);
        Assert.Equal("unavailable", Json(response).GetProperty("code").GetString());
    }
}
