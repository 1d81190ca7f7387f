using CrmMail.Mail.Idempotency;
using CrmMail.TestSupport;

namespace CrmMail.Functions.SendMail.Tests;

public class IdempotentRequestTests
{
    private sealed class FailingWrites(IIdempotencyStore inner) : IIdempotencyStore
    {
        public Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken) => inner.ClaimAsync(key, requestHash, cancellationToken);

        public Task CompleteAsync(string key, string requestHash, int statusCode, string response, CancellationToken cancellationToken) => throw new IOException("store down");

        public Task ReleaseAsync(string key, CancellationToken cancellationToken) => throw new IOException("store down");
    }

    [Fact]
    public async Task CompleteAsync_AnswerRecorded_IsReplayedToTheNextClaim()
    {
        // Rule: a completed key answers its retry with the stored response.
        var store = new InMemoryIdempotencyStore();
        var sut = await IdempotentRequest.ClaimAsync(store, "k", "h", CancellationToken.None);

        Assert.Null(await sut.CompleteAsync(207, "{}", nothingSent: false, CancellationToken.None));

        var retry = await IdempotentRequest.ClaimAsync(store, "k", "h", CancellationToken.None);
        Assert.Equal(new IdempotencyClaim(IdempotencyState.Completed, 207, "{}"), retry.Claim);
    }

    [Fact]
    public async Task CompleteAsync_NothingSent_ReleasesTheKeySoTheRetryRuns()
    {
        // Rule: when nothing went out (502), the key is given up, so a retry with it really runs.
        var store = new InMemoryIdempotencyStore();
        var sut = await IdempotentRequest.ClaimAsync(store, "k", "h", CancellationToken.None);

        await sut.CompleteAsync(502, "{}", nothingSent: true, CancellationToken.None);

        Assert.Equal(IdempotencyState.Started, (await IdempotentRequest.ClaimAsync(store, "k", "h", CancellationToken.None)).Claim.State);
    }

    [Fact]
    public async Task ReleaseAndComplete_StoreFails_ReturnTheFailureInsteadOfThrowing()
    {
        // Rule: the answer must still reach the caller; a store that fails after the work is reported, not thrown.
        var sut = await IdempotentRequest.ClaimAsync(new FailingWrites(new InMemoryIdempotencyStore()), "k", "h", CancellationToken.None);

        Assert.IsType<IOException>(await sut.ReleaseAsync(CancellationToken.None));
        Assert.IsType<IOException>(await sut.CompleteAsync(200, "{}", nothingSent: false, CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseAsync_KeyOwnedByAnotherRequest_LeavesItAlone()
    {
        // Rule: only the request that claimed a key gives it up; a request that found it in progress does not.
        var store = new InMemoryIdempotencyStore();
        await IdempotentRequest.ClaimAsync(store, "k", "h", CancellationToken.None);
        var sut = await IdempotentRequest.ClaimAsync(store, "k", "h", CancellationToken.None);

        await sut.ReleaseAsync(CancellationToken.None);

        Assert.Equal(IdempotencyState.InProgress, sut.Claim.State);
        Assert.Equal(IdempotencyState.InProgress, (await IdempotentRequest.ClaimAsync(store, "k", "h", CancellationToken.None)).Claim.State);
    }
}
