namespace CrmMail.Mail.Reports;

/// <summary>A signed download link for one report.</summary>
public sealed record ReportLink(string CustomId, string FileName, long Size, Uri Url, DateTimeOffset ExpiresAt);
