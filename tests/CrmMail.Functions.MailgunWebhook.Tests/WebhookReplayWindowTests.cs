using CrmMail.TestSupport;

namespace CrmMail.Functions.MailgunWebhook.Tests;

/// <summary>
/// The replay guard must remember a token for as long as its timestamp is accepted: Mailgun's
/// signature covers only timestamp and token, so a remembered-too-briefly token lets anyone
/// who saw one webhook post any event under it (issue 20, mutant 4).
/// </summary>
public class WebhookReplayWindowTests
{
    private readonly WebhookHarness _sut = new();

    // Rule: a token first used at the future edge of the 300 s window is still refused 599 s later, when its timestamp is still accepted.
    [Fact]
    public async Task Post_TokenReplayedWithAnotherEventAnywhereInsideTheTimestampWindow_Is401Replayed()
    {
        const string token = "tok-window-0123456789012345678901234567890123456789";
        var timestamp = _sut.Now + 300;
        var first = await _sut.PostAsync(_sut.Json("delivered", "ev-first", timestamp: timestamp, token: token));
        Assert.Equal(200, first.StatusCode);

        _sut.Subscriptions.Time.Advance(TimeSpan.FromSeconds(599));
        var replay = await _sut.PostAsync(_sut.Json("complained", "ev-forged", timestamp: timestamp, token: token));

        Assert.Equal(401, replay.StatusCode);
        Assert.Contains("already used", replay.Body, StringComparison.Ordinal);
        Assert.False(_sut.Events.Events.ContainsKey("ev-forged"));
    }

    // Rule: once the timestamp has left the window the signature check refuses the replay as stale (the guard need not remember longer).
    [Fact]
    public async Task Post_TokenReplayedAfterTheWindow_Is401Stale()
    {
        const string token = "tok-stale-0123456789012345678901234567890123456789";
        var timestamp = _sut.Now;
        Assert.Equal(200, (await _sut.PostAsync(_sut.Json("delivered", "ev-1", timestamp: timestamp, token: token))).StatusCode);

        _sut.Subscriptions.Time.Advance(TimeSpan.FromSeconds(301));
        var replay = await _sut.PostAsync(_sut.Json("complained", "ev-2", timestamp: timestamp, token: token));

        Assert.Equal(401, replay.StatusCode);
        Assert.Contains("outside the accepted window", replay.Body, StringComparison.Ordinal);
    }

    // Rule: the in-memory guard honours the lifetime it is given (so the tests above test the flow, not a fake that never forgets).
    [Fact]
    public async Task InMemoryReplayGuard_AfterItsLifetime_AcceptsTheTokenAgain()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var guard = new InMemoryReplayGuard(time);

        Assert.True(await guard.TryAcceptAsync("t", TimeSpan.FromSeconds(600), default));
        time.Advance(TimeSpan.FromSeconds(600));
        Assert.False(await guard.TryAcceptAsync("t", TimeSpan.FromSeconds(600), default));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await guard.TryAcceptAsync("t", TimeSpan.FromSeconds(600), default));
    }
}
