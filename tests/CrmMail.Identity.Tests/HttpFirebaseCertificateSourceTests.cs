using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using CrmMail.Kernel;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Identity.Tests;

/// <summary>
/// The certificate cache against a scripted Google (a fake HttpMessageHandler) on a fake
/// clock: at most one fetch a minute whatever the answer (no max-age, an HTTP error, a
/// timeout, a hung request), and a refresh for an unknown kid once the last fetch is a minute old.
/// </summary>
public sealed class HttpFirebaseCertificateSourceTests : IDisposable
{
    private const string ProjectId = "dn-crm-test";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedGoogle _google = new();
    private readonly HttpClient _http;
    private readonly RSA _key1 = RSA.Create(2048);
    private readonly RSA _key2 = RSA.Create(2048);

    public HttpFirebaseCertificateSourceTests()
    {
        _http = new HttpClient(_google);
        _google.Respond = _ => Ok(maxAge: 3600, ("kid-1", _key1));
    }

    public void Dispose()
    {
        _http.Dispose();
        _google.Dispose();
        _key1.Dispose();
        _key2.Dispose();
    }

    private HttpFirebaseCertificateSource Source() => new(_http, new Uri("https://certs.test/x509"), _time);

    // Without Cache-Control max-age the keys are still kept for the minimum interval: no fetch per request.
    [Fact]
    public async Task GetKeysAsync_NoMaxAge_FetchesAtMostOnceAMinute()
    {
        _google.Respond = _ => Ok(maxAge: null, ("kid-1", _key1));
        var sut = Source();

        for (var second = 0; second < 60; second += 5)
        {
            Assert.True((await sut.GetKeysAsync(forceRefresh: second % 10 == 0, default)).ContainsKey("kid-1"));
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(1, _google.Requests);
        await sut.GetKeysAsync(forceRefresh: false, default);
        Assert.Equal(2, _google.Requests);
    }

    // An HTTP error is remembered for a minute (negative caching): callers get 503 without another fetch.
    [Fact]
    public async Task GetKeysAsync_HttpError_IsNotRetriedWithinAMinute()
    {
        _google.Respond = _ => new HttpResponseMessage(HttpStatusCode.InternalServerError);
        var sut = Source();

        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.GetKeysAsync(forceRefresh: i % 2 == 0, default));
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(1, _google.Requests);
        _time.Advance(TimeSpan.FromSeconds(10));
        _google.Respond = _ => Ok(maxAge: 3600, ("kid-1", _key1));
        Assert.True((await sut.GetKeysAsync(forceRefresh: false, default)).ContainsKey("kid-1"));
        Assert.Equal(2, _google.Requests);
    }

    // Rule: an answer holding no keys is a failed fetch (503, retried after a minute), never a
    // key set cached for its max-age that would turn every sign-in into a 401.
    [Fact]
    public async Task GetKeysAsync_AnswerWithoutKeys_IsUnavailableNotCached()
    {
        _google.Respond = _ => Ok(maxAge: 3600);
        var sut = Source();

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.GetKeysAsync(forceRefresh: false, default));
        _time.Advance(TimeSpan.FromMinutes(1));
        _google.Respond = _ => Ok(maxAge: 3600, ("kid-1", _key1));
        Assert.True((await sut.GetKeysAsync(forceRefresh: false, default)).ContainsKey("kid-1"));
        Assert.Equal(2, _google.Requests);
    }

    // A timeout (HttpClient's own, and a fetch the caller's deadline abandoned) counts as a fetch too.
    [Fact]
    public async Task GetKeysAsync_TimeoutOrAbandonedFetch_IsNotRetriedWithinAMinute()
    {
        _google.Respond = _ => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException());
        var sut = Source();

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.GetKeysAsync(forceRefresh: false, default));
        _time.Advance(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.GetKeysAsync(forceRefresh: true, default));
        Assert.Equal(1, _google.Requests);

        _time.Advance(TimeSpan.FromSeconds(31));
        _google.Hang = true;
        using var deadline = new CancellationTokenSource();
        var abandoned = sut.GetKeysAsync(forceRefresh: false, deadline.Token);
        await deadline.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        _google.Hang = false;
        await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.GetKeysAsync(forceRefresh: false, default));
        Assert.Equal(2, _google.Requests);
    }

    // A failed refresh while the cached keys are within max-age keeps them: a forged kid stays a 401, never a 503.
    [Fact]
    public async Task GetKeysAsync_RefreshFailsWhileKeysFresh_ServesTheCachedKeys()
    {
        var sut = Source();
        await sut.GetKeysAsync(forceRefresh: false, default);
        _time.Advance(TimeSpan.FromSeconds(61));
        _google.Respond = _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.True((await sut.GetKeysAsync(forceRefresh: true, default)).ContainsKey("kid-1"));
        Assert.Equal(2, _google.Requests);
    }

    // Keys past their max-age are not used once a refresh has failed: 503, so the caller retries.
    [Fact]
    public async Task GetKeysAsync_RefreshFailsAfterMaxAge_IsUnavailable()
    {
        _google.Respond = _ => Ok(maxAge: 120, ("kid-1", _key1));
        var sut = Source();
        await sut.GetKeysAsync(forceRefresh: false, default);
        _time.Advance(TimeSpan.FromSeconds(121));
        _google.Respond = _ => new HttpResponseMessage(HttpStatusCode.BadGateway);

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.GetKeysAsync(forceRefresh: false, default));
    }

    // Rule: cached keys are used strictly before now + max-age and refetched at that instant
    // (max-age N means "fresh for N seconds", as HTTP caching defines it).
    [Fact]
    public async Task GetKeysAsync_AtExactlyMaxAge_RefetchesAndOneTickBeforeUsesTheCache()
    {
        var sut = Source();
        await sut.GetKeysAsync(forceRefresh: false, default);

        _time.Advance(TimeSpan.FromSeconds(3600) - TimeSpan.FromTicks(1));
        await sut.GetKeysAsync(forceRefresh: false, default);
        Assert.Equal(1, _google.Requests);

        _time.Advance(TimeSpan.FromTicks(1));
        await sut.GetKeysAsync(forceRefresh: false, default);
        Assert.Equal(2, _google.Requests);
    }

    // Rule: a failed refresh serves the cached keys only strictly before their expiry; at the
    // expiry instant they are stale and the caller gets a 503 (retry), never expired keys.
    [Fact]
    public async Task GetKeysAsync_RefreshFailsAtExactlyMaxAge_IsUnavailable()
    {
        _google.Respond = _ => Ok(maxAge: 120, ("kid-1", _key1));
        var sut = Source();
        await sut.GetKeysAsync(forceRefresh: false, default);
        _google.Respond = _ => new HttpResponseMessage(HttpStatusCode.BadGateway);

        _time.Advance(TimeSpan.FromSeconds(120) - TimeSpan.FromTicks(1));
        Assert.True((await sut.GetKeysAsync(forceRefresh: true, default)).ContainsKey("kid-1"));
        Assert.Equal(2, _google.Requests);

        // A second source, so the minute between fetches does not hide the boundary.
        var fresh = Source();
        _time.SetUtcNow(_time.GetUtcNow() + TimeSpan.FromMinutes(5));
        _google.Respond = _ => Ok(maxAge: 120, ("kid-1", _key1));
        await fresh.GetKeysAsync(forceRefresh: false, default);
        _google.Respond = _ => new HttpResponseMessage(HttpStatusCode.BadGateway);
        _time.Advance(TimeSpan.FromSeconds(120));
        await Assert.ThrowsAsync<DependencyUnavailableException>(() => fresh.GetKeysAsync(forceRefresh: false, default));
    }

    // Many callers with unknown kids at once: one fetch, not one each.
    [Fact]
    public async Task GetKeysAsync_ConcurrentForcedRefreshes_FetchOnce()
    {
        var sut = Source();
        await sut.GetKeysAsync(forceRefresh: false, default);
        _time.Advance(TimeSpan.FromMinutes(2));
        var release = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _google.RespondAsync = _ => release.Task;

        var callers = Enumerable.Range(0, 10).Select(_ => sut.GetKeysAsync(forceRefresh: true, default)).ToList();
        release.SetResult(Ok(maxAge: 3600, ("kid-1", _key1)));
        await Task.WhenAll(callers);

        Assert.Equal(2, _google.Requests);
    }

    // Unknown kids refresh exactly once a minute: never more (forged kids cannot hammer Google), never fewer (a rotated key is found).
    [Fact]
    public async Task VerifyAsync_UnknownKidsOverThreeMinutes_RefreshExactlyOnceAMinute()
    {
        var sut = new FirebaseTokenVerifier(Source(), ProjectId, _time);
        Assert.True((await sut.VerifyAsync(Mint(_key1, "kid-1"), default)).IsValid);

        for (var second = 1; second <= 180; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(FirebaseRejection.UnknownKey, (await sut.VerifyAsync(Mint(_key2, "forged-" + second), default)).Rejection);
        }

        // Fetches at 0 s, then at 60, 120 and 180 s.
        Assert.Equal(4, _google.Requests);
    }

    // Google publishes a new key: an unknown kid refreshes once the last fetch is over a minute old, even within max-age.
    [Fact]
    public async Task VerifyAsync_RotatedKeyAfterAMinute_IsFetchedAndAccepted()
    {
        var sut = new FirebaseTokenVerifier(Source(), ProjectId, _time);
        Assert.True((await sut.VerifyAsync(Mint(_key1, "kid-1"), default)).IsValid);
        _google.Respond = _ => Ok(maxAge: 3600, ("kid-1", _key1), ("kid-2", _key2));

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(FirebaseRejection.UnknownKey, (await sut.VerifyAsync(Mint(_key2, "kid-2"), default)).Rejection);
        Assert.Equal(1, _google.Requests);

        _time.Advance(TimeSpan.FromSeconds(31));
        var result = await sut.VerifyAsync(Mint(_key2, "kid-2"), default);

        Assert.True(result.IsValid, result.Rejection?.ToString());
        Assert.Equal(2, _google.Requests);
    }

    private static HttpResponseMessage Ok(int? maxAge, params (string Kid, RSA Key)[] keys)
    {
        var map = keys.ToDictionary(k => k.Kid, k => Certificate(k.Key));
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(map), Encoding.UTF8, "application/json") };
        if (maxAge is { } seconds)
        {
            response.Headers.TryAddWithoutValidation("Cache-Control", $"public, max-age={seconds}, must-revalidate, no-transform");
        }

        return response;
    }

    private static string Certificate(RSA key)
    {
        var request = new CertificateRequest("CN=securetoken.system.gserviceaccount.com", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return certificate.ExportCertificatePem();
    }

    private string Mint(RSA key, string kid)
    {
        var at = _time.GetUtcNow().ToUnixTimeSeconds();
        var header = new Dictionary<string, object> { ["alg"] = "RS256", ["kid"] = kid, ["typ"] = "JWT" };
        var payload = new Dictionary<string, object>
        {
            ["iss"] = "https://securetoken.google.com/" + ProjectId,
            ["aud"] = ProjectId,
            ["auth_time"] = at - 60,
            ["sub"] = "uid-123",
            ["iat"] = at - 30,
            ["exp"] = at + 3600,
            ["email"] = "staff@example.com",
            ["email_verified"] = true,
        };
        var input = Segment(header) + "." + Segment(payload);
        return input + "." + Base64Url(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private static string Segment(Dictionary<string, object> value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Google as the test scripts it: counts requests, answers, throws, or hangs until the caller gives up.</summary>
    private sealed class ScriptedGoogle : HttpMessageHandler
    {
        public int Requests;

        public Func<HttpRequestMessage, HttpResponseMessage> Respond { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.NotFound);

        public Func<HttpRequestMessage, Task<HttpResponseMessage>>? RespondAsync { get; set; }

        public bool Hang { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return RespondAsync is { } respond ? await respond(request) : Respond(request);
        }
    }
}
