using System.Text.Json;
using CrmMail.Aws.CloudWatch;
using CrmMail.Hosting;
using CrmMail.Hosting.Metrics;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Subscriptions.Tests.Audit;

public class AuditTrailTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly TestLambdaLogger _logger = new();

    private static AuditEntry Entry(string id) => new("payee@example.com", AuditAction.Unsubscribe, [Topics.Financial], true, DateTimeOffset.UnixEpoch, new AuditContext { EventId = id, Source = AuditSource.Post });

    private readonly StringWriter _metrics = new();

    private AuditTrail Create(IAuditLog log) => new(log, new LogAuditFallback(_logger, new EmfMetrics(TextWriter.Null, _time, "CrmMail"), new PiiHasher(new byte[16])), _time, new EmfAuditChangeCounter(new EmfMetrics(_metrics, _time, "CrmMail")));

    [Theory]
    [InlineData(AuditAction.Unsubscribe, AuditSource.Get, "unsubscribe", "get")]
    [InlineData(AuditAction.Unsubscribe, AuditSource.Post, "unsubscribe", "post")]
    [InlineData(AuditAction.Unsubscribe, AuditSource.Mailto, "unsubscribe", "mailto")]
    [InlineData(AuditAction.Unsubscribe, AuditSource.Webhook, "unsubscribe", "webhook")]
    [InlineData(AuditAction.Resubscribe, AuditSource.AddContact, "resubscribe", "add-contact")]
    [InlineData(AuditAction.Unsubscribe, AuditSource.SesEvent, "unsubscribe", "ses-event")]
    public async Task RecordAsync_ChangedEntry_EmitsSubscriptionChangeWithActionAndSource(AuditAction action, AuditSource source, string actionName, string sourceName)
    {
        // Rule: every change that took effect counts once in SubscriptionChanges, by Action and Source (the dashboard's unsubscribes by source).
        var entry = Entry("e3") with { Action = action, Context = new AuditContext { EventId = "e3", Source = source } };

        await Create(new InMemoryAuditLog()).RecordAsync(entry, default);

        var line = JsonDocument.Parse(Assert.Single(_metrics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        var definition = line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("CrmMail", definition.GetProperty("Namespace").GetString());
        Assert.Equal(["Action", "Source"], definition.GetProperty("Dimensions")[0].EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(AuditTrail.ChangeMetric, definition.GetProperty("Metrics")[0].GetProperty("Name").GetString());
        Assert.Equal(actionName, line.GetProperty("Action").GetString());
        Assert.Equal(sourceName, line.GetProperty("Source").GetString());
        Assert.Equal(1, line.GetProperty(AuditTrail.ChangeMetric).GetDouble());
    }

    [Fact]
    public async Task RecordAsync_EntryThatChangedNothing_EmitsNoSubscriptionChange()
    {
        // Rule: a repeat that found the contact already in the wanted state (Changed=false, such as a second click) is not counted.
        await Create(new InMemoryAuditLog()).RecordAsync(Entry("e4") with { Changed = false }, default);

        Assert.DoesNotContain(AuditTrail.ChangeMetric, _metrics.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_DeadlineAlreadyPassed_StillWritesTheRowInItsOwnSlice()
    {
        // Rule: a change made just before the deadline still gets its audit row; the write is not cancelled with the work.
        var log = new InMemoryAuditLog();
        using var deadline = new CancellationTokenSource();
        await deadline.CancelAsync();

        var written = await Create(log).RecordAsync(Entry("e1"), deadline.Token);

        Assert.True(written);
        Assert.Single(log.Rows);
        Assert.DoesNotContain(AuditTrail.FallbackMarker, _logger.Buffer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_StoreNeverAnswers_WritesTheFallbackLineWhenItsSliceEnds()
    {
        // Rule: an audit store that hangs costs at most the audit reserve, then the row goes to the log: never nowhere.
        using var deadline = new CancellationTokenSource();
        var pending = Create(new SilentAuditLog()).RecordAsync(Entry("e2"), deadline.Token);
        await deadline.CancelAsync();
        Assert.False(pending.IsCompleted);

        _time.Advance(InvocationDeadline.AuditReserve);
        var written = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(written);
        Assert.Contains(AuditTrail.FallbackMarker, _logger.Buffer, StringComparison.Ordinal);
        Assert.DoesNotContain("payee@example.com", _logger.Buffer, StringComparison.Ordinal);
    }

    /// <summary>An audit store that accepts the write and never answers (until cancelled).</summary>
    private sealed class SilentAuditLog : IAuditLog
    {
        public async Task<bool> WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return true;
        }

        public Task<IReadOnlyList<AuditEntry>> HistoryAsync(string email, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AuditEntry>>([]);
    }
}
