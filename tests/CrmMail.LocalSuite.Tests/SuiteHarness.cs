using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmMail.Lambda.Core;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.LocalSuite.Tests;

/// <summary>A suite on a free port over a fresh data folder, and an HTTP client that does not follow redirects.</summary>
internal sealed partial class SuiteHarness : IAsyncDisposable
{
    private SuiteHarness(LocalSuite suite, string root, FakeTimeProvider time, StringWriter log)
    {
        Suite = suite;
        Root = root;
        Time = time;
        Log = log;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = suite.BaseUrl };
    }

    public LocalSuite Suite { get; }

    public string Root { get; }

    public FakeTimeProvider Time { get; }

    public StringWriter Log { get; }

    public HttpClient Http { get; }

    public static async Task<SuiteHarness> StartAsync(string? root = null, Uri? awsEndpoint = null, Dictionary<string, string>? environment = null, FakeTimeProvider? time = null, IReadOnlyList<string>? extraApiKeys = null)
    {
        root ??= Path.Combine(Path.GetTempPath(), "crm-mail-suite-" + Guid.NewGuid().ToString("N"));
        time ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new StringWriter(CultureInfo.InvariantCulture);
        var suite = await LocalSuite.StartAsync(new LocalSuiteOptions
        {
            Port = 0,
            DataDirectory = root,
            AwsEndpoint = awsEndpoint,
            Provision = awsEndpoint is not null,
            Environment = new DictionaryEnvironmentVariables(environment ?? new Dictionary<string, string>()),
            Log = TextWriter.Synchronized(log),
            TimeProvider = time,
            ExtraApiKeys = extraApiKeys ?? [],
        });
        return new SuiteHarness(suite, root, time, log);
    }

    /// <summary>
    /// Polls a campaign's status with <paramref name="get"/> until it is final (completed, failed or
    /// cancelled) and returns it; the senders pace themselves on real timers, so this waits up to a minute.
    /// </summary>
    public static async Task<JsonElement> UntilCampaignFinalAsync(Func<Task<HttpResponseMessage>> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var response = await get();
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            using var body = await JsonAsync(response);
            if (body.RootElement.GetProperty("status").GetString() is "completed" or "failed" or "cancelled")
            {
                return body.RootElement.Clone();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The campaign did not finish.");
    }

    public static string FinancialRequest(string to = "payee@example.com", string subject = "Your October reports", params string[] customIds)
        => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["to"] = new[] { to },
            ["from"] = "reports@example.com",
            ["subject"] = subject,
            ["html"] = "<p>Hello!</p>",
            ["text"] = "Hello!",
            ["campaign"] = new Dictionary<string, string> { ["name"] = "monthly", ["type"] = "financial" },
            ["attachReporting"] = true,
            ["month"] = "10",
            ["year"] = "2026",
            ["customIds"] = customIds.Length == 0 ? new[] { "ACME-001", "ACME-002" } : customIds,
        });

    public async Task<HttpResponseMessage> SendMailAsync(string body, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "local/send-mail") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", apiKey ?? Suite.Data.ApiKey);
        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> WebhookAsync(string eventType, string eventId, string token, long? timestamp = null)
    {
        var ts = (timestamp ?? Time.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Suite.Data.MailgunSigningKey), Encoding.UTF8.GetBytes(ts + token)));
        var body = "{\"signature\":{\"timestamp\":\"" + ts + "\",\"token\":\"" + token + "\",\"signature\":\"" + signature + "\"},"
            + "\"event-data\":{\"id\":\"" + eventId + "\",\"event\":\"" + eventType + "\",\"timestamp\":" + ts + ".5,\"recipient\":\"payee@example.com\",\"tags\":[\"stream:outreach\"],"
            + "\"message\":{\"headers\":{\"message-id\":\"x@mg.example.com\"}}}}";
        return await Http.PostAsync("local/outreach/webhook", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    public async Task<string> PageAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Suite.DisposeAsync();
    }

    public void DeleteData()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    public static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, object body) => http.PostAsJsonAsync(path, body);

    /// <summary>The report links on an outbox message page.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("<a href=\"(http://127\\.0\\.0\\.1:\\d+/cdn/[^\"]+)\" class=\"message-link\"")]
    public static partial System.Text.RegularExpressions.Regex MessageLink();

    /// <summary>The https unsubscribe link on an outbox message page.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("<a href=\"([^\"]+)\" id=\"unsubscribe-link\"")]
    public static partial System.Text.RegularExpressions.Regex UnsubscribeLink();
}
