namespace CrmMail.Inbound.Mailto;

/// <summary>What a mailto unsubscribe mail says, read from SES's notification and its MIME content.</summary>
public sealed record MailtoMessage(
    string MessageId,
    string? FromAddress,
    string Subject,
    string BodyText,
    string? Token,
    string SpfVerdict,
    string DkimVerdict,
    string SpamVerdict,
    string VirusVerdict)
{
    /// <summary>SPF or DKIM passed, and neither the spam nor the virus verdict failed: the From address can be trusted.</summary>
    public bool SenderVerified => (SpfVerdict == "PASS" || DkimVerdict == "PASS") && SpamVerdict != "FAIL" && VirusVerdict != "FAIL";
}
