namespace CrmMail.Inbound.Mailto;

/// <summary>SES's receipt verdicts, upper case (PASS, FAIL, GRAY, PROCESSING_FAILED, DISABLED; MISSING when absent).</summary>
public sealed record MailtoVerdicts(string Spf, string Dkim, string Dmarc, string Spam, string Virus);
