using CrmMail.Mail.Validation;

namespace CrmMail.Mail.Outreach;

/// <summary>A command, or every problem found (field and message).</summary>
public sealed record OutreachValidation(OutreachCommand? Command, IReadOnlyList<FieldError> Errors)
{
    /// <summary>True when <see cref="Command"/> is set.</summary>
    public bool IsValid => Command is not null;
}
