namespace CrmMail.Signing.Tokens;

/// <summary>A data key as stored: wrapped by KMS, findable by id until <see cref="ExpiresAt"/>.</summary>
public sealed record WrappedDataKey(string IdHex, TokenPurpose Purpose, byte[] Wrapped, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
