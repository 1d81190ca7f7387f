using System.Security.Cryptography;
using System.Threading.RateLimiting;
using CrmMail.Campaigns;
using CrmMail.Lambda.Core;
using CrmMail.Mail.Transport;
using CrmMail.Mail.Validation;
using CrmMail.TestSupport;

namespace CrmMail.Functions.CampaignSender.Tests;

/// <summary>The sender built by its own Load and Build over in-memory ports; batches cut by the planner's flow.</summary>
internal sealed class CampaignSenderHarness : IDisposable
{
    public CampaignSenderHarness()
        : this(null, null)
    {
    }

    /// <param name="transport">Built from the loaded settings (default: <see cref="Transport"/>, which records).</param>
    /// <param name="variables">Variables over the defaults (MAIL_TRANSPORT, MAILGUN_…).</param>
    public CampaignSenderHarness(Func<CampaignSenderSettings, IMailTransport>? transport, IReadOnlyDictionary<string, string>? variables)
    {
        var values = new Dictionary<string, string>
        {
            ["AWS_REGION"] = "us-east-1",
            ["SES_CONTACT_LIST_NAME"] = "dn-contacts",
            ["TOKEN_KEYS_TABLE"] = "keys",
            ["AUDIT_TABLE"] = "audit",
            ["CONTACT_LEASE_TABLE"] = "leases",
            ["PII_HASH_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["UNSUBSCRIBE_BASE_URL"] = "https://api.example.com/prod",
            ["UNSUBSCRIBE_MAILBOX"] = "unsubscribe@mail.example.com",
            ["CAMPAIGNS_TABLE"] = "campaigns",
            ["CAMPAIGN_BUCKET"] = "dn-campaigns",
        };
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        SenderSettings = CampaignSenderSettings.Load(new DictionaryEnvironmentVariables(values));
        Planner = new CampaignPlanFlow(Store, Objects, new CollectingQueue(Queued), 10, Subscriptions.Time);
        Sender = CampaignSenderComposition.Build(SenderSettings, new CampaignSenderPorts
        {
            Services = Subscriptions.Services,
            Store = Store,
            Objects = Objects,
            Transport = transport?.Invoke(SenderSettings) ?? Transport,
            Pacer = Pacer,
            Time = Subscriptions.Time,
        });
    }

    public SubscriptionHarness Subscriptions { get; } = new();

    public InMemoryCampaignStore Store { get; } = new();

    public InMemoryCampaignObjects Objects { get; } = new();

    public RecordingTransport Transport { get; } = new();

    public RateLimiter Pacer { get; } = new TokenBucketRateLimiter(CampaignPacer.Options(100_000));

    public List<CampaignBatch> Queued { get; } = [];

    public CampaignSenderSettings SenderSettings { get; }

    public CampaignPlanFlow Planner { get; }

    public CampaignSenderHandler Sender { get; }

    public async Task CreateAsync(string id, IReadOnlyList<string> recipients)
    {
        var command = new SendMailCommand([], "statements@mail.example.com", null, "Statement", "<p>Hi</p>", "Hi", "nov", CampaignType.Financial, null);
        await Objects.PutContentAsync(id + "/content.json", CampaignContent.Of(command, []), default);
        await Objects.PutRecipientsAsync(id + "/recipients.jsonl", recipients, default);
        await Store.CreateAsync(new Campaign
        {
            Id = id,
            State = CampaignState.Queued,
            Counts = CampaignCounts.Start(recipients.Count),
            CreatedAt = Subscriptions.Time.GetUtcNow(),
            CreatedBy = "key-1",
            ContentKey = id + "/content.json",
            RecipientsKey = id + "/recipients.jsonl",
        }, default);
    }

    public void Dispose() => Pacer.Dispose();

    private sealed class CollectingQueue(List<CampaignBatch> queued) : ICampaignQueue
    {
        public Task EnqueueAsync(IReadOnlyList<CampaignBatch> batches, CancellationToken cancellationToken)
        {
            queued.AddRange(batches);
            return Task.CompletedTask;
        }
    }
}
