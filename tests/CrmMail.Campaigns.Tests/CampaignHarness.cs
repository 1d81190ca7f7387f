using System.Threading.RateLimiting;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Sending;
using CrmMail.Mail.Validation;
using CrmMail.TestSupport;

namespace CrmMail.Campaigns.Tests;

/// <summary>The planner and sender over in-memory ports and the real subscription services.</summary>
internal sealed class CampaignHarness : IDisposable
{
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(1);

    private readonly List<CampaignBatch> _queued = [];

    public CampaignHarness(RateLimiter? pacer = null, int batchSize = 10)
    {
        var services = Subscriptions.Services;
        Composer = new MessageComposer(new ListUnsubscribe(new Uri("https://api.example.com/prod"), "unsubscribe@mail.example.com"), services.Hasher, includeListUnsubscribeHeaders: true);
        var recipients = new RecipientSendService(services.Subscriptions, services.Audit, services.Tokens, Transport, services.Hasher, Subscriptions.Time, 4);
        Pacer = pacer ?? new TokenBucketRateLimiter(CampaignPacer.Options(100_000));
        Sender = new CampaignSendFlow(Store, Objects, recipients, Composer, Pacer, new CampaignSendOptions(4, ClaimTimeout), Subscriptions.Time);
        Queue = new CollectingQueue(_queued);
        Planner = new CampaignPlanFlow(Store, Objects, Queue, batchSize, Subscriptions.Time);
    }

    public SubscriptionHarness Subscriptions { get; } = new();

    public InMemoryCampaignStore Store { get; } = new();

    public InMemoryCampaignObjects Objects { get; } = new();

    public FaultyTransport Transport { get; } = new();

    public MessageComposer Composer { get; }

    public RateLimiter Pacer { get; }

    public CampaignSendFlow Sender { get; }

    public CampaignPlanFlow Planner { get; }

    public ICampaignQueue Queue { get; }

    public IReadOnlyList<CampaignBatch> Queued => _queued;

    public static IReadOnlyList<string> Addresses(int count, string prefix = "payee")
        => [.. Enumerable.Range(0, count).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}{i}@example.com"))];

    /// <summary>Stores a queued campaign as the API would: content, de-duplicated list, item.</summary>
    public async Task<Campaign> CreateAsync(string id, IReadOnlyList<string> recipients, IReadOnlyList<ReportLink>? links = null, CampaignType type = CampaignType.Financial)
    {
        var command = new SendMailCommand([], "Statements <statements@mail.example.com>", null, "Your statement", "<p>Hello</p>", "Hello", "november-statements", type, null);
        await Objects.PutContentAsync($"campaigns/{id}/content.json", CampaignContent.Of(command, links ?? []), default);
        await Objects.PutRecipientsAsync($"campaigns/{id}/recipients.jsonl", recipients, default);
        var campaign = new Campaign
        {
            Id = id,
            State = CampaignState.Queued,
            Counts = CampaignCounts.Start(recipients.Count),
            CreatedAt = Subscriptions.Time.GetUtcNow(),
            CreatedBy = "key-1",
            ContentKey = $"campaigns/{id}/content.json",
            RecipientsKey = $"campaigns/{id}/recipients.jsonl",
        };
        await Store.CreateAsync(campaign, default);
        return campaign;
    }

    /// <summary>Plans <paramref name="id"/> and sends every queued batch once, in order; the batches that asked to be retried.</summary>
    public async Task<List<CampaignBatch>> RunOnceAsync(string id)
    {
        await Planner.RunAsync(id, default);
        return await DeliverAsync([.. _queued.Where(b => b.CampaignId == id)]);
    }

    public async Task<List<CampaignBatch>> DeliverAsync(IReadOnlyList<CampaignBatch> batches, string attempt = "attempt-1")
    {
        var retry = new List<CampaignBatch>();
        foreach (var batch in batches)
        {
            var outcome = await Sender.RunAsync(batch, attempt + ":" + batch.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), default);
            if (outcome.Status == CampaignBatchStatus.Retry)
            {
                retry.Add(batch);
            }
        }

        return retry;
    }

    public void Dispose() => Pacer.Dispose();

    private sealed class CollectingQueue(List<CampaignBatch> queued) : ICampaignQueue
    {
        public Task EnqueueAsync(IReadOnlyList<CampaignBatch> batches, CancellationToken cancellationToken)
        {
            lock (queued)
            {
                queued.AddRange(batches);
            }

            return Task.CompletedTask;
        }
    }
}
