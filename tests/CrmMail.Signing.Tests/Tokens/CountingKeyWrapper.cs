using CrmMail.Signing.Tokens;

namespace CrmMail.Signing.Tests.Tokens;

/// <summary>Counts the calls that would go to KMS.</summary>
internal sealed class CountingKeyWrapper(IKeyWrapper inner) : IKeyWrapper
{
    private int _generateCalls;
    private int _unwrapCalls;

    public int GenerateCalls => _generateCalls;

    public int UnwrapCalls => _unwrapCalls;

    public Task<(byte[] Plaintext, byte[] Wrapped)> GenerateAsync(TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _generateCalls);
        return inner.GenerateAsync(purpose, keyIdHex, cancellationToken);
    }

    public Task<byte[]?> UnwrapAsync(byte[] wrapped, TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _unwrapCalls);
        return inner.UnwrapAsync(wrapped, purpose, keyIdHex, cancellationToken);
    }
}
