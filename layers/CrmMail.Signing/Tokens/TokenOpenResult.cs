using System.Diagnostics.CodeAnalysis;

namespace CrmMail.Signing.Tokens;

/// <summary>The outcome of opening a token: a payload or a rejection.</summary>
public readonly record struct TokenOpenResult
{
    private TokenOpenResult(TokenPayload? payload, TokenRejection? rejection)
    {
        Payload = payload;
        Rejection = rejection;
    }

    /// <summary>The payload, when valid.</summary>
    public TokenPayload? Payload { get; }

    /// <summary>The reason, when rejected.</summary>
    public TokenRejection? Rejection { get; }

    /// <summary>True when <see cref="Payload"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Payload))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsValid => Payload is not null;

    /// <summary>A valid token.</summary>
    public static TokenOpenResult Valid(TokenPayload payload) => new(payload, null);

    /// <summary>A rejected token.</summary>
    public static TokenOpenResult Rejected(TokenRejection rejection) => new(null, rejection);
}
