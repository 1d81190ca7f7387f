namespace CrmMail.Inbound.Mailto;

/// <summary>The names the audit row's <c>sender-rule</c> records: which rule let the mail act.</summary>
public static class SenderRules
{
    /// <summary>The token in the subject named the contact; no verdict needed.</summary>
    public const string Token = "token";

    /// <summary>SES's DMARC verdict is PASS: the From domain is authenticated and aligned.</summary>
    public const string DmarcPass = "dmarc-pass";

    /// <summary>No DMARC policy (GRAY), SPF PASS for an envelope domain aligned with From.</summary>
    public const string SpfAligned = "spf-aligned";

    /// <summary>No DMARC policy (GRAY), DKIM PASS on the message's only signature, whose d= aligns with From.</summary>
    public const string DkimAligned = "dkim-aligned";
}
