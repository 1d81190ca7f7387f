namespace CrmMail.Signing.Tokens;

/// <summary>What a token carries: whom, which topic, when it was issued and for what.</summary>
public sealed record TokenPayload(string Email, string Topic, DateTimeOffset IssuedAt, TokenPurpose Purpose);
