using CrmMail.Mail.Sending;
using CrmMail.Mail.Validation;

namespace CrmMail.Mail.Outreach;

/// <summary>The status, the problems when refused (each naming its field or variable), one result per recipient when attempted.</summary>
public sealed record OutreachOutcome(OutreachStatus Status, IReadOnlyList<FieldError> Problems, IReadOnlyList<RecipientResult> Results);
