namespace CrmMail.Mail.Composition;

/// <summary>
/// The CRM's trackingSettings for one message. Unsubscribe handling is not here: the suite's own
/// footer and List-Unsubscribe headers go on every message whatever the caller asks.
/// </summary>
public sealed record MailTracking(bool? Opens, bool? Clicks);
