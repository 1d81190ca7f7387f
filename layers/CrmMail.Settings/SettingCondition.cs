namespace CrmMail.Settings;

/// <summary>A setting that matters only when <paramref name="Setting"/> has <paramref name="Value"/> (the Mailgun domain only with the Mailgun transport).</summary>
public sealed record SettingCondition(Setting Setting, string Value);
