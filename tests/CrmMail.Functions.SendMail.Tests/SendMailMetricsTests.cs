using System.Text.Json;
using CrmMail.Functions.SendMail;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>send-mail's EMF metrics: recipient outcomes by status, for the dashboard's sends by status.</summary>
public class SendMailMetricsTests
{
    // Rule: each request counts its recipients in Sends by Status (sent, suppressed, failed), zeros included, in the functions' namespace.
    [Fact]
    public async Task Post_MixedOutcomes_EmitsSendsByStatus()
    {
        var sut = new SendMailHarness();
        await sut.Subscriptions.Services.Subscriptions.UnsubscribeAsync("b@example.com", Topics.Outreach, new AuditContext { EventId = "setup", Source = AuditSource.Get }, default);
        sut.Recording.FailFor.Add("c@example.com");

        var response = await sut.PostAsync("""{"to":["a@example.com","b@example.com","c@example.com","d@example.com"],"subject":"News","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""");

        Assert.Equal(207, response.StatusCode);
        Assert.Equal(new Dictionary<string, double> { ["sent"] = 2, ["suppressed"] = 1, ["failed"] = 1 }, Sends(sut));
    }

    // Rule: a request refused before any recipient (validation) counts nothing.
    [Fact]
    public async Task Post_Invalid_EmitsNoSends()
    {
        var sut = new SendMailHarness();

        var response = await sut.PostAsync("""{"to":["not-an-address"],"subject":"S","html":"h","text":"t","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""");

        Assert.Equal(400, response.StatusCode);
        Assert.Empty(Sends(sut));
    }

    private static Dictionary<string, double> Sends(SendMailHarness sut)
    {
        var sends = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var text in sut.Metrics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var line = JsonDocument.Parse(text).RootElement;
            if (!line.TryGetProperty(SendMailHandler.SendsMetric, out var value))
            {
                continue;
            }

            var definition = line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
            Assert.Equal("CrmMail", definition.GetProperty("Namespace").GetString());
            Assert.Equal(["Status"], definition.GetProperty("Dimensions")[0].EnumerateArray().Select(d => d.GetString()));
            sends.Add(line.GetProperty("Status").GetString()!, value.GetDouble());
        }

        return sends;
    }
}
