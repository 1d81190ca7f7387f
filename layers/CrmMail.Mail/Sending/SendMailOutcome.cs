using CrmMail.Mail.Reports;

namespace CrmMail.Mail.Sending;

/// <summary>Either the reports that are missing (nothing sent) or one result per recipient.</summary>
public sealed record SendMailOutcome(IReadOnlyList<string> MissingReports, IReadOnlyList<RecipientResult> Results, IReadOnlyList<ReportLink> Links);
