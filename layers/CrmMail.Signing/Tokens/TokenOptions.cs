namespace CrmMail.Signing.Tokens;

/// <summary>Lifetimes and data-key reuse bounds. Validated at construction.</summary>
public sealed record TokenOptions
{
    /// <summary>Creates validated options.</summary>
    public TokenOptions(TimeSpan unsubscribeMaxAge, TimeSpan resubscribeMaxAge, TimeSpan dataKeyMaxAge, long dataKeyMaxUses)
    {
        if (unsubscribeMaxAge <= TimeSpan.Zero || resubscribeMaxAge <= TimeSpan.Zero || dataKeyMaxAge <= TimeSpan.Zero)
        {
            throw new ArgumentException("Token and key lifetimes must be positive.");
        }

        // Random 96-bit nonces stay collision-safe far beyond this; 2^32 is NIST's bound per key.
        if (dataKeyMaxUses is < 1 or > (1L << 32))
        {
            throw new ArgumentOutOfRangeException(nameof(dataKeyMaxUses), "A data key seals between 1 and 2^32 tokens.");
        }

        UnsubscribeMaxAge = unsubscribeMaxAge;
        ResubscribeMaxAge = resubscribeMaxAge;
        DataKeyMaxAge = dataKeyMaxAge;
        DataKeyMaxUses = dataKeyMaxUses;
    }

    /// <summary>Defaults: unsubscribe 30 days, resubscribe 7 days, a data key reused for 6 hours or 1,000,000 tokens.</summary>
    public static TokenOptions Default { get; } = new(TimeSpan.FromDays(30), TimeSpan.FromDays(7), TimeSpan.FromHours(6), 1_000_000);

    /// <summary>How long an unsubscribe token is accepted (a function setting, 30 days by default).</summary>
    public TimeSpan UnsubscribeMaxAge { get; }

    /// <summary>Resubscribe tokens live shorter: they only serve the confirmation page.</summary>
    public TimeSpan ResubscribeMaxAge { get; }

    /// <summary>How long a container reuses one data key for sealing.</summary>
    public TimeSpan DataKeyMaxAge { get; }

    /// <summary>How many tokens one data key seals at most.</summary>
    public long DataKeyMaxUses { get; }

    /// <summary>The maximum age for a purpose.</summary>
    public TimeSpan MaxAge(TokenPurpose purpose) => purpose == TokenPurpose.Resubscribe ? ResubscribeMaxAge : UnsubscribeMaxAge;

    /// <summary>How long a wrapped data key must stay findable: its sealing window plus the longest token life, plus a day.</summary>
    public TimeSpan DataKeyRetention => DataKeyMaxAge + (UnsubscribeMaxAge > ResubscribeMaxAge ? UnsubscribeMaxAge : ResubscribeMaxAge) + TimeSpan.FromDays(1);
}
