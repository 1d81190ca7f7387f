using System.Collections.Concurrent;
using System.Net;
using CrmMail.Kernel.Resilience;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>The Mailgun transport on the one resilience pipeline, with a fault-injecting handler.</summary>
public class MailgunTransportTests
{
    private static readonly DependencyPolicy NoWaiting = DependencyPolicy.Default with { BaseDelay = TimeSpan.Zero };

    private static OutgoingMessage Message() => new("reports@example.com", "payee@example.com", null, "Statement", "<p>Hello</p>", "Hello", [], [], "financial");

    private static (MailgunTransport Sut, ScriptedHandler Handler) Create(params HttpStatusCode[] script)
    {
        var handler = new ScriptedHandler(script);
        return (new MailgunTransport(new HttpClient(handler), new MailgunOptions("mg.example.com", new Uri("https://api.mailgun.test")), _ => Task.FromResult("key-1"), NoWaiting), handler);
    }

    [Fact]
    public async Task SendAsync_ThrottledThenServerError_RetriesAndSends()
    {
        // Rule: Mailgun's 429 and 5xx are retried (through the shared pipeline) before a recipient is reported failed.
        var (sut, handler) = Create(HttpStatusCode.TooManyRequests, HttpStatusCode.BadGateway, HttpStatusCode.OK);

        var outcome = await sut.SendAsync(Message(), default);

        Assert.True(outcome.Sent);
        Assert.Equal("<id@mg.example.com>", outcome.MessageId);
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task SendAsync_BadRequest_IsNotRetried()
    {
        // Rule: a 4xx other than 429 fails the recipient at once (a retry would be refused the same way).
        var (sut, handler) = Create(HttpStatusCode.BadRequest);

        var outcome = await sut.SendAsync(Message(), default);

        Assert.False(outcome.Sent);
        Assert.False(outcome.Transient);
        Assert.Equal("mailgun:HTTP 400", outcome.Error);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task SendAsync_ServerErrorAfterTheRetries_IsAnOutageNotARefusal()
    {
        // Rule: 429/5xx after the retries is Mailgun's trouble, not the message's: transient, so
        // send-mail answers 503 (retry later) when nothing went out, never 502.
        var (sut, _) = Create(HttpStatusCode.ServiceUnavailable);

        var outcome = await sut.SendAsync(Message(), default);

        Assert.False(outcome.Sent);
        Assert.True(outcome.Transient);
        Assert.Equal("mailgun:HTTP 503", outcome.Error);
    }

    [Fact]
    public async Task SendAsync_AcceptedWithoutAnId_CountsAsSent()
    {
        // Rule: a 2xx means Mailgun took the message; reporting it failed would make the caller
        // send it twice, so it is sent with a placeholder id.
        var handler = new FixedBodyHandler("""{"message":"Queued."}""");
        var sut = new MailgunTransport(new HttpClient(handler), new MailgunOptions("mg.example.com", new Uri("https://api.mailgun.test")), _ => Task.FromResult("key-1"), NoWaiting);

        var outcome = await sut.SendAsync(Message(), default);

        Assert.True(outcome.Sent);
        Assert.Equal(MailgunTransport.UnknownMessageId, outcome.MessageId);
    }

    [Fact]
    public async Task SendAsync_AlwaysUnreachable_FailsWithAShortCodeAfterTheRetries()
    {
        // Rule: a recipient that still fails is reported, with a code and never the endpoint or exception text.
        var (sut, handler) = Create();

        var outcome = await sut.SendAsync(Message(), default);

        Assert.False(outcome.Sent);
        Assert.True(outcome.Transient);
        Assert.Equal("mailgun:unreachable", outcome.Error);
        Assert.Equal(NoWaiting.MaxRetries + 1, handler.Calls);
    }

    [Fact]
    public async Task SendAsync_ThrottledWithRetryAfter_WaitsWhatMailgunAsks()
    {
        // Rule: a 429's Retry-After is the wait before the next attempt (not the back-off, zero here).
        var handler = new ThrottlingHandler(throttledCalls: 1, retryAfter: TimeSpan.FromSeconds(1));
        var time = new TimerRecordingTimeProvider();
        var sut = new MailgunTransport(new HttpClient(handler), new MailgunOptions("mg.example.com", new Uri("https://api.mailgun.test")), _ => Task.FromResult("key-1"), NoWaiting, time);

        var outcome = await sut.SendAsync(Message(), default);

        Assert.True(outcome.Sent);
        Assert.Equal(2, handler.Calls);
        Assert.Contains(TimeSpan.FromSeconds(1), time.DueTimes);
    }

    [Fact]
    public async Task SendAsync_ThrottledWithRetryAfterBeyondTheBackOff_HandsBackAtOnce()
    {
        // Rule: a Retry-After longer than the policy's longest back-off ends the retries: the
        // outcome is transient (the campaign sender returns the recipient to the queue, whose
        // redelivery is the longer wait) instead of hammering a throttled account.
        var handler = new ThrottlingHandler(throttledCalls: int.MaxValue, retryAfter: TimeSpan.FromSeconds(30));
        var sut = new MailgunTransport(new HttpClient(handler), new MailgunOptions("mg.example.com", new Uri("https://api.mailgun.test")), _ => Task.FromResult("key-1"), NoWaiting);

        var outcome = await sut.SendAsync(Message(), default);

        Assert.False(outcome.Sent);
        Assert.True(outcome.Transient);
        Assert.Equal("mailgun:HTTP 429", outcome.Error);
        Assert.Equal(1, handler.Calls);
    }

    /// <summary>Answers 429 with a Retry-After for the first calls, then 200.</summary>
    private sealed class ThrottlingHandler(int throttledCalls, TimeSpan retryAfter) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) <= throttledCalls)
            {
                var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("{}") };
                throttled.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
                return Task.FromResult(throttled);
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"<id@mg.example.com>","message":"Queued."}""") });
        }
    }

    /// <summary>The system clock, recording every timer's due time (Polly's waits and timeouts).</summary>
    private sealed class TimerRecordingTimeProvider : TimeProvider
    {
        public ConcurrentBag<TimeSpan> DueTimes { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            DueTimes.Add(dueTime);
            return TimeProvider.System.CreateTimer(callback, state, dueTime, period);
        }
    }

    /// <summary>Answers from a script of statuses; with none, every connection is refused.</summary>
    private sealed class ScriptedHandler(HttpStatusCode[] script) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls) - 1;
            if (script.Length == 0)
            {
                throw new HttpRequestException("Connection refused (api.mailgun.test:443)");
            }

            var status = script[Math.Min(call, script.Length - 1)];
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(status == HttpStatusCode.OK ? """{"id":"<id@mg.example.com>","message":"Queued."}""" : "{}") });
        }
    }

    /// <summary>Answers 200 with a fixed body.</summary>
    private sealed class FixedBodyHandler(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
    }
}
