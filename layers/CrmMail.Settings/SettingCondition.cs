namespace CrmMail.Settings;

/// <summary>A setting that matters only when <paramref name="Setting"/> has <paramref name="Value"/> (MAILGUN_DOMAIN with MAIL_TRANSPORT=mailgun).</summary>
public sealed record SettingCondition(Setting Setting, string Value);
