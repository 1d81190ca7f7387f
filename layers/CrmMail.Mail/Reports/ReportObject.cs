namespace CrmMail.Mail.Reports;

/// <summary>A report file that exists: its key and size in bytes.</summary>
public sealed record ReportObject(string Key, long Size);
