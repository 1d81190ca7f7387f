namespace CrmMail.LocalSuite.Adapters;

/// <summary>A report file as the CloudFront stand-in's origin returns it.</summary>
public sealed record ReportFile(Stream Content, long Length, string ContentType);
