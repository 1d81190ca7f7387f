namespace CrmMail.Mail.Validation;

/// <summary>A validated send-mail request: every field checked and normalised.</summary>
public sealed record SendMailCommand(
    IReadOnlyList<string> Recipients,
    string From,
    string? ReplyTo,
    string Subject,
    string Html,
    string Text,
    string CampaignName,
    CampaignType Type,
    ReportSelection? Reports);

/// <summary>Which reports to link: a period and the payees.</summary>
public sealed record ReportSelection(string Year, string Month, IReadOnlyList<string> CustomIds);

/// <summary>One field's problem.</summary>
public sealed record FieldError(string Field, string Message);
