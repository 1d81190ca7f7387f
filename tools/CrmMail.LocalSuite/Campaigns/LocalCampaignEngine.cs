using System.Collections.Concurrent;
using System.Text.Json;
using CrmMail.Aws.Composition;
using CrmMail.Campaigns;
using CrmMail.Functions.CampaignPlanner;
using CrmMail.Functions.CampaignSender;
using CrmMail.Hosting.Logging;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.SQSEvents;
using CrmMail.Routes;
using CrmMail.Subscriptions;

namespace CrmMail.LocalSuite.Campaigns;

/// <summary>
/// The campaign engine under <c>serve</c>: the planner and the sender built by their own
/// compositions over the given ports, one sender (with its own pacer) per concurrency slot of
/// the queue's consumer, as Lambda runs one instance per concurrent batch. It is the campaign
/// API's launcher under serve (<see cref="LaunchAsync"/>): it hands the campaign to the planner
/// the way the plan queue's event source does, and returns.
/// </summary>
internal sealed class LocalCampaignEngine : ICampaignLauncher, IAsyncDisposable
{
    /// <summary>Lambda retries a failed asynchronous invocation twice.</summary>
    public const int PlannerAttempts = 3;

    private readonly CampaignPlannerHandler _planner;
    private readonly CampaignSenderHandler[] _senders;
    private readonly CampaignSenderSettings _senderSettings;
    private readonly ILambdaLogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _launched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _planning = new();
    private readonly Func<LocalQueueConsumer, Func<ValueTask>> _startConsumers;
    private readonly Lock _consumersGate = new();
    private Func<ValueTask>? _stopConsumers;

    public LocalCampaignEngine(
        CampaignPlannerSettings plannerSettings,
        CampaignSenderSettings senderSettings,
        SubscriptionServices services,
        Mail.Transport.IMailTransport transport,
        ICampaignStore store,
        ICampaignRecords records,
        ICampaignObjects objects,
        ICampaignQueue queue,
        Func<LocalQueueConsumer, Func<ValueTask>> startConsumers,
        ILambdaLogger logger,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(senderSettings);
        ArgumentNullException.ThrowIfNull(startConsumers);
        Store = store;
        Records = records;
        Objects = objects;
        Queue = queue;
        _senderSettings = senderSettings;
        _logger = logger;
        _time = time;
        _planner = CampaignPlannerComposition.Build(plannerSettings, new CampaignPlannerPorts(store, objects, queue, time));
        _senders = new CampaignSenderHandler[senderSettings.MaxConcurrency];
        for (var instance = 0; instance < _senders.Length; instance++)
        {
            _senders[instance] = CampaignSenderComposition.Build(senderSettings, new CampaignSenderPorts
            {
                Services = services,
                Store = store,
                Objects = objects,
                Transport = transport,
                Pacer = CampaignPacer.Create(senderSettings.SesMaxSendRate, senderSettings.MaxConcurrency),
                Time = time,
            });
        }

        // The consumers start with the first launch: an idle serve does not poll a queue.
        _startConsumers = startConsumers;
    }

    /// <summary>The campaign table.</summary>
    public ICampaignStore Store { get; }

    /// <summary>The campaign table's reads and tidying for the API (recipient pages, parked batches).</summary>
    public ICampaignRecords Records { get; }

    /// <summary>The campaign bucket.</summary>
    public ICampaignObjects Objects { get; }

    /// <summary>The campaign queue (resume puts parked batches back on it).</summary>
    public ICampaignQueue Queue { get; }

    /// <summary>The mapping's maximum concurrency: sender instances that may run at once.</summary>
    public int Instances => _senders.Length;

    /// <summary>
    /// Hands <paramref name="campaignId"/> to the planner as an asynchronous invocation would
    /// (Event): returns at once; a failed plan is tried again up to <see cref="PlannerAttempts"/>
    /// times, and each attempt is logged.
    /// </summary>
    public Task LaunchAsync(string campaignId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(campaignId);
        _launched.TryAdd(campaignId, _time.GetUtcNow());
        lock (_consumersGate)
        {
            _stopConsumers ??= _startConsumers(ConsumeAsync);
        }

        var planning = Task.Run(() => PlanAsync(campaignId), CancellationToken.None);
        _planning[planning] = true;
        _ = planning.ContinueWith(t => _planning.TryRemove(t, out _), TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <summary>The campaigns launched through this serve (by the API), newest first (the table has no list).</summary>
    public async Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken cancellationToken)
    {
        var campaigns = new List<Campaign>();
        foreach (var id in _launched.OrderByDescending(p => p.Value).Select(p => p.Key))
        {
            if (await Store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } campaign)
            {
                campaigns.Add(campaign);
            }
        }

        return campaigns;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Func<ValueTask>? stop;
        lock (_consumersGate)
        {
            stop = _stopConsumers;
        }

        if (stop is not null)
        {
            await stop().ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(_planning.Keys).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Logged where it happened.
        }
    }

    private async Task PlanAsync(string campaignId)
    {
        for (var attempt = 1; attempt <= PlannerAttempts; attempt++)
        {
            var requestId = Guid.NewGuid().ToString();
            try
            {
                // The planner consumes the plan queue: one message {"campaignId"}, as the API sends it.
                var message = new SQSMessage { MessageId = requestId, Body = "{\"campaignId\":\"" + JsonEncodedText.Encode(campaignId) + "\"}" };
                var answer = await _planner.HandleAsync(new SQSEvent { Records = [message] }, Context(FunctionNames.CampaignPlanner, requestId, TimeSpan.FromMinutes(5))).ConfigureAwait(false);
                if (answer.BatchItemFailures is not { Count: > 0 })
                {
                    return;
                }

                StructuredLog.WriteWarning(_logger, "campaign plan attempt failed", LogField.Of("campaignId", campaignId), LogField.Of("attempt", attempt), LogField.Of("reason", "handed_back"));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                StructuredLog.WriteWarning(_logger, "campaign plan attempt failed", LogField.Of("campaignId", campaignId), LogField.Of("attempt", attempt), LogField.Of("reason", exception.GetType().Name));
            }
        }
    }

    private Task<SQSBatchResponse> ConsumeAsync(int instance, SQSEvent sqsEvent, CancellationToken cancellationToken)
        => _senders[instance].HandleAsync(sqsEvent, Context(FunctionNames.CampaignSender, Guid.NewGuid().ToString(), _senderSettings.ClaimTimeout));

    private LocalLambdaContext Context(string function, string requestId, TimeSpan timeout)
        => new(function, requestId, string.Empty, (_logger as LambdaLogger)?.ForInvocation(requestId, null) ?? _logger, _time.GetUtcNow() + timeout, _time);
}
