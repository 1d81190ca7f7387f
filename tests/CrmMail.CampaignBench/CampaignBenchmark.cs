using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CrmMail.Aws.Composition;
using CrmMail.Campaigns;
using CrmMail.Functions.CampaignPlanner;
using CrmMail.Functions.CampaignSender;
using CrmMail.Lambda.Core;
using CrmMail.LocalSuite.Campaigns;
using CrmMail.Mail.Validation;
using CrmMail.Settings;
using CrmMail.Signing.Tokens;
using CrmMail.TestSupport;

namespace CrmMail.CampaignBench;

/// <summary>
/// One campaign end to end as serve runs it: the planner's and the senders' compositions over
/// the queue stand-in, the local table and the campaign objects in a temporary folder, every
/// recipient through send-mail's per-recipient code (gate, token, composer, audit) into the
/// simulated SES. Real time (the pacer and SES's latency are real timers).
/// </summary>
internal static class CampaignBenchmark
{
    public static async Task<BenchResult> RunAsync(BenchRun run, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(run);
        var time = TimeProvider.System;
        var environment = new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            [Catalogue.AwsRegion.Name] = "us-east-1",
            [Catalogue.SesContactListName.Name] = "bench-contacts",
            [Catalogue.TokenKeysTable.Name] = "bench-keys",
            [Catalogue.AuditTable.Name] = "bench-audit",
            [Catalogue.ContactLeaseTable.Name] = "bench-leases",
            [Catalogue.PiiHashKey.Name] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            [Catalogue.UnsubscribeBaseUrl.Name] = "https://api.example.com/prod",
            [Catalogue.UnsubscribeMailbox.Name] = "unsubscribe@mail.example.com",
            [Catalogue.ListUnsubscribeOwner.Name] = "suite",
            [Catalogue.CampaignsTable.Name] = "bench-campaigns",
            [Catalogue.CampaignBucket.Name] = "bench-campaigns",
            [Catalogue.CampaignQueueUrl.Name] = "http://127.0.0.1/000000000000/bench",
            [Catalogue.SesMaxSendRate.Name] = run.Rate.ToString(CultureInfo.InvariantCulture),
            [Catalogue.CampaignSenderMaxConcurrency.Name] = run.Instances.ToString(CultureInfo.InvariantCulture),
            [Catalogue.CampaignSendConcurrency.Name] = run.SendConcurrency.ToString(CultureInfo.InvariantCulture),
            [Catalogue.CampaignClaimTimeoutSeconds.Name] = "10",
        });
        var planner = CampaignPlannerSettings.Load(environment);
        var sender = CampaignSenderSettings.Load(environment);
        var logger = new LambdaLogger(TextWriter.Null, time, LambdaLogFormat.Text, LogLevel.Warning);
        var services = SubscriptionServices.Create(sender.Subscriptions, new LocalKeyWrapper(RandomNumberGenerator.GetBytes(32)), new InMemoryWrappedKeyStore(), new InMemoryContactList(), new InMemoryAuditLog(), logger, time);
        var ses = new SimulatedSes(run.Rate, run.Latency, run.ThrottleFaults, run.ServerFaults, run.KillEvery, seed: 16);
        var store = new LocalCampaignStore();
        var folder = Path.Combine(Path.GetTempPath(), "crm-mail-campaign-bench-" + Guid.NewGuid().ToString("N"));
        var objects = new FileCampaignObjects(folder);
        var random = new Random(61);
        var queue = new LocalSqsQueue(
            new LocalQueueOptions
            {
                VisibilityTimeout = run.VisibilityTimeout ?? TimeSpan.FromSeconds(5),
                MaxReceiveCount = run.MaxReceiveCount,
                BatchSize = 10,
                MaxConcurrency = run.Instances,
            },
            time)
        {
            DuplicateOnReceive = run.DuplicateDeliveries > 0 ? () => { lock (random) { return random.NextDouble() < run.DuplicateDeliveries; } } : null,
        };
        try
        {
            await using var engine = new LocalCampaignEngine(planner, sender, services, ses, store, store, objects, queue, consumer =>
            {
                queue.Start(consumer);
                return queue.DisposeAsync;
            }, logger, time);

            const string id = "bench";
            var recipients = Enumerable.Range(0, run.Recipients).Select(i => string.Create(CultureInfo.InvariantCulture, $"r{i:D7}@bench.example.com")).ToList();
            var command = new SendMailCommand([], "statements@example.com", null, "Your statement", "<p>Hello, your statement is ready.</p>", "Hello, your statement is ready.", "bench", CampaignType.Financial, null);
            await objects.PutContentAsync(id + "/content.json", CampaignContent.Of(command, []), default);
            await objects.PutRecipientsAsync(id + "/recipients.jsonl", recipients, default);
            await store.CreateAsync(new Campaign { Id = id, State = CampaignState.Queued, Counts = CampaignCounts.Start(recipients.Count), CreatedAt = time.GetUtcNow(), CreatedBy = "bench", ContentKey = id + "/content.json", RecipientsKey = id + "/recipients.jsonl" }, default);

            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await engine.LaunchAsync(id, default);
            Campaign campaign;
            while (true)
            {
                campaign = (await store.GetAsync(id, default))!;
                if (campaign.State.IsFinal() || clock.Elapsed > limit)
                {
                    break;
                }

                await Task.Delay(20);
            }

            var elapsed = clock.Elapsed;
            process.Refresh();
            var used = process.TotalProcessorTime - cpu;
            var deliveredTwice = ses.Accepted.Count(p => p.Value > 1);
            var neverDelivered = recipients.Count(r => !ses.Accepted.ContainsKey(r));
            var withoutResult = Enumerable.Range(0, recipients.Count).Count(i => store.StatusOf(id, i) is null or RecipientStatus.Claimed);
            var counts = campaign.Counts;
            return new BenchResult(
                campaign.State.Name(), elapsed, used, counts.Sent, counts.Failed, counts.Suppressed, counts.Pending,
                deliveredTwice, neverDelivered, withoutResult, queue.Counts.DeadLetter,
                ses.Calls, ses.RateThrottled, ses.InjectedThrottles, ses.InjectedServerErrors, ses.Kills, queue.Counts.Invocations);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
