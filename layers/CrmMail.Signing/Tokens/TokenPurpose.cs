namespace CrmMail.Signing.Tokens;

/// <summary>What a token may be used for. Each purpose has its own data keys (KMS encryption context).</summary>
public enum TokenPurpose : byte
{
    /// <summary>Carried in List-Unsubscribe links and footers.</summary>
    Unsubscribe = 1,

    /// <summary>Handed to the confirmation page after an unsubscribe, for one-click resubscribe.</summary>
    Resubscribe = 2,
}
