using System.Text.Json;
using CrmMail.Aws.CloudWatch;
using CrmMail.Aws.SesV2;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Aws.Tests.SesV2;

[Trait("Category", "Integration")]
public sealed class SesV2ClientMotoTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private readonly string _list = "dn-contacts-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        var (code, _, err) = await fixture.Moto.Boto3Async("sesv2", $"c.create_contact_list(ContactListName='{_list}', Topics=[{{'TopicName':'financial','DisplayName':'Financial','DefaultSubscriptionStatus':'OPT_IN'}},{{'TopicName':'outreach','DisplayName':'Outreach','DefaultSubscriptionStatus':'OPT_IN'}}])");
        Assert.True(code == 0, err);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GetContactAsync_Missing_IsTypedNotFound()
    {
        var sut = fixture.Ses(TimeProvider.System);

        var result = await sut.GetContactAsync(_list, "nobody@example.com", default);

        Assert.False(result.IsSuccess);
        Assert.Equal(SesErrorCode.NotFound, result.Error.Code);
        Assert.Equal(404, result.Error.StatusCode);
    }

    [Fact]
    public async Task CreateThenGetAndList_ContactWithPlusAddress_RoundTrips()
    {
        var sut = fixture.Ses(TimeProvider.System);

        var created = await sut.CreateContactAsync(_list, new SesCreateContactRequest("payee+1@example.com", [new("financial", "OPT_OUT")], false), default);
        var fetched = await sut.GetContactAsync(_list, "payee+1@example.com", default);
        var listed = new List<SesContact>();
        await foreach (var contact in sut.ListAllContactsAsync(_list, null, default))
        {
            listed.Add(contact);
        }

        Assert.True(created.IsSuccess, created.Error?.Message);
        Assert.True(fetched.IsSuccess, fetched.Error?.Message);
        Assert.Equal("payee+1@example.com", fetched.Value!.EmailAddress);
        Assert.Equal([new SesTopicPreference("financial", "OPT_OUT")], fetched.Value.TopicPreferences);
        Assert.Contains(listed, c => c.EmailAddress == "payee+1@example.com");

        var (code, stdout, err) = await fixture.Moto.Boto3Async("sesv2", $"print(json.dumps(c.get_contact(ContactListName='{_list}', EmailAddress='payee+1@example.com')['TopicPreferences']))");
        Assert.True(code == 0, err);
        Assert.Equal("OPT_OUT", JsonDocument.Parse(stdout).RootElement[0].GetProperty("SubscriptionStatus").GetString());
    }

    [Fact]
    public async Task ContactList_UnsubscribeOfAMissingContact_CreatesItOptedOut()
    {
        var contacts = new SesContactList(fixture.Ses(TimeProvider.System), _list);
        var audit = new CrmMail.TestSupport.InMemoryAuditLog();
        var sut = new SubscriptionService(contacts, new AuditTrail(audit, new LogAuditFallback(new Lambda.TestUtilities.TestLambdaLogger(), new Hosting.Metrics.EmfMetrics(TextWriter.Null, TimeProvider.System, "t"), new PiiHasher(new byte[16]))), TimeProvider.System);

        var change = await sut.UnsubscribeAsync("new@example.com", Topics.Outreach, new AuditContext { EventId = "e1", Source = AuditSource.Post }, default);

        Assert.True(change.Created);
        var contact = await contacts.GetAsync("new@example.com", default);
        Assert.False(contact!.IsSubscribed(Topics.Outreach));
        Assert.True(contact.IsSubscribed(Topics.Financial));
    }

    [Fact]
    public async Task SendEmailAsync_SimpleContentWithHeaders_IsAcceptedAndStoredByMoto()
    {
        var (code, _, err) = await fixture.Moto.Boto3Async("ses", "c.verify_email_identity(EmailAddress='reports@example.com')");
        Assert.True(code == 0, err);
        var sut = fixture.Ses(TimeProvider.System);

        var result = await sut.SendEmailAsync(new SesSendEmailRequest
        {
            FromEmailAddress = "reports@example.com",
            Destination = new SesDestination(["payee@example.com"]),
            Content = new SesEmailContent
            {
                Simple = new SesSimpleMessage(new SesContent("Your statement"), new SesBody { Html = new SesContent("<p>Hi</p>"), Text = new SesContent("Hi") })
                {
                    Headers = [new SesMessageHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")],
                },
            },
            EmailTags = [new SesMessageTag("campaign", "financial-2025-08")],
        }, default);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.False(string.IsNullOrEmpty(result.Value!.MessageId));
        using var http = new HttpClient();
        var data = await http.GetStringAsync(new Uri(fixture.Moto.Url, "/moto-api/data.json"));
        Assert.Contains("Your statement", data, StringComparison.Ordinal);
    }
}
