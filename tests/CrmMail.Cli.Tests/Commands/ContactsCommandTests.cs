using System.Text.Json;
using Amazon.Runtime;
using CrmMail.Aws.Http;
using CrmMail.Aws.SesV2;
using CrmMail.Tests.Shared;

namespace CrmMail.Cli.Tests.Commands;

/// <summary><c>crm-mail contacts export|import</c> against moto's SES v2, through the real SES client.</summary>
[Trait("Category", "Integration")]
public sealed class ContactsCommandTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("contacts-");
    private readonly HttpClient _http = new();
    private MotoServer _moto = null!;
    private SesV2Client _ses = null!;

    public async Task InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
        _ses = new SesV2Client(_http, new SesV2ClientOptions(MotoServer.Region, _moto.Url), new StaticAwsCredentialsSource(new ImmutableCredentials(MotoServer.AccessKey, MotoServer.SecretKey, null)), TimeProvider.System);
        foreach (var list in new[] { "crm", "rebuilt" })
        {
            var created = await _ses.CreateContactListAsync(new SesCreateContactListRequest(list, [new("financial", "Financial", "OPT_IN"), new("outreach", "Outreach", "OPT_IN")]), CancellationToken.None);
            Assert.True(created.IsSuccess, created.Error?.Message);
        }

        await Create("payee+reports@example.com", [new("financial", "OPT_OUT"), new("outreach", "OPT_IN")], unsubscribeAll: false, """{"name":"Zoë"}""");
        await Create("gone@example.com", [], unsubscribeAll: true, null);
        await Create("reader@example.com", [new("outreach", "OPT_IN")], unsubscribeAll: false, null);
    }

    public async Task DisposeAsync() => await _moto.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _dir.Delete(recursive: true);
    }

    private async Task Create(string email, SesTopicPreference[] preferences, bool unsubscribeAll, string? attributes)
    {
        var result = await _ses.CreateContactAsync("crm", new SesCreateContactRequest(email, preferences, unsubscribeAll) { AttributesData = attributes }, CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    private string[] Aws => ["--endpoint", _moto.Url.ToString(), "--region", MotoServer.Region];

    // Rule: the export holds every contact with its opt-outs, unsubscribe-all flag and last update, one JSON line each.
    [Fact]
    public async Task Export_ToFile_OneJsonLinePerContactWithItsOptOuts()
    {
        var file = Path.Combine(_dir.FullName, "contacts.jsonl");

        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run(["contacts", "export", "--list", "crm", "--out", file, .. Aws]);

        Assert.True(exitCode == 0, stderr);
        Assert.Empty(stdout);
        Assert.Contains("exported 3 contacts", stderr, StringComparison.Ordinal);
        var lines = File.ReadAllLines(file);
        Assert.Equal(3, lines.Length);
        // Addresses print as written (no \u002B for '+').
        Assert.Contains(lines, l => l.Contains("\"email\":\"payee+reports@example.com\"", StringComparison.Ordinal));
        var byEmail = lines.Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("email").GetString()!);
        var payee = byEmail["payee+reports@example.com"];
        Assert.Equal("OPT_OUT", payee.GetProperty("topicPreferences").EnumerateArray().Single(p => p.GetProperty("topicName").GetString() == "financial").GetProperty("subscriptionStatus").GetString());
        // moto keeps no AttributesData, so attributes round-trip only against SES itself: here the field is present and null.
        Assert.Equal(JsonValueKind.Null, payee.GetProperty("attributes").ValueKind);
        Assert.False(payee.GetProperty("unsubscribeAll").GetBoolean());
        Assert.True(byEmail["gone@example.com"].GetProperty("unsubscribeAll").GetBoolean());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", payee.GetProperty("lastUpdated").GetString());
    }

    // Rule: a list rebuilt from an export (contacts import) has every opt-out the old one had.
    [Fact]
    public async Task Import_IntoAnEmptyList_RebuildsEveryOptOut()
    {
        var (exportExit, exported, exportErr) = await SignUrlCommandTests.Run(["contacts", "export", "--list", "crm", .. Aws]);
        Assert.True(exportExit == 0, exportErr);
        var file = Path.Combine(_dir.FullName, "backup.jsonl");
        await File.WriteAllTextAsync(file, exported);

        var (exitCode, _, stderr) = await SignUrlCommandTests.Run(["contacts", "import", "--list", "rebuilt", "--file", file, .. Aws]);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("3 created", stderr, StringComparison.Ordinal);
        var payee = await _ses.GetContactAsync("rebuilt", "payee+reports@example.com", CancellationToken.None);
        Assert.Contains(new SesTopicPreference("financial", "OPT_OUT"), payee.Value!.TopicPreferences!);
        var gone = await _ses.GetContactAsync("rebuilt", "gone@example.com", CancellationToken.None);
        Assert.True(gone.Value!.UnsubscribeAll);
    }

    // Rule: a bad line stops the import before the first write.
    [Fact]
    public async Task Import_BadLine_ChangesNothingAndExits2()
    {
        var file = Path.Combine(_dir.FullName, "bad.jsonl");
        await File.WriteAllLinesAsync(file, [
            """{"email":"new@example.com","topicPreferences":[],"unsubscribeAll":false}""",
            """{"email":"other@example.com","topicPreferences":[{"topicName":"financial","subscriptionStatus":"MAYBE"}],"unsubscribeAll":false}""",
        ]);

        var (exitCode, _, stderr) = await SignUrlCommandTests.Run(["contacts", "import", "--list", "rebuilt", "--file", file, .. Aws]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("crm-mail: --file line 2:", stderr, StringComparison.Ordinal);
        Assert.False((await _ses.GetContactAsync("rebuilt", "new@example.com", CancellationToken.None)).IsSuccess);
    }

    // Rule: a list that does not exist is one line and exit code 1, and leaves no file that could pass for a backup.
    [Fact]
    public async Task Export_MissingList_OneLineExitCode1AndNoFile()
    {
        var file = Path.Combine(_dir.FullName, "partial.jsonl");

        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run(["contacts", "export", "--list", "no-such-list", "--out", file, .. Aws]);

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.False(File.Exists(file));
        Assert.StartsWith("crm-mail: ListContacts on 'no-such-list' failed: NotFound", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
