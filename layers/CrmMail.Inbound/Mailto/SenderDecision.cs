namespace CrmMail.Inbound.Mailto;

/// <summary>The sender rule that matched (<see cref="SenderRules"/>), or the reason the From address does not count.</summary>
public sealed record SenderDecision(string? Rule, string? RefusedReason)
{
    /// <summary>True when a rule vouches for the From address.</summary>
    public bool Trusted => Rule is not null;

    /// <summary>Vouched for by <paramref name="rule"/>.</summary>
    public static SenderDecision By(string rule) => new(rule, null);

    /// <summary>Not vouched for.</summary>
    public static SenderDecision Refused(string reason) => new(null, reason);
}
