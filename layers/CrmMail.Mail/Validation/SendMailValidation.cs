using System.Diagnostics.CodeAnalysis;

namespace CrmMail.Mail.Validation;

/// <summary>
/// What <see cref="SendMailValidator.Validate"/> found: the command when the request is valid,
/// else every field error and, among them, the first count limit exceeded (the recipients, field
/// <c>to</c>, or the report ids, field <c>customIds</c>), which the handler answers differently
/// from a malformed request.
/// </summary>
public sealed record SendMailValidation(SendMailCommand? Command, IReadOnlyList<FieldError> Errors, FieldError? LimitExceeded)
{
    /// <summary>True when the request is valid (then <see cref="Command"/> is set and there are no errors).</summary>
    [MemberNotNullWhen(true, nameof(Command))]
    public bool IsValid => Command is not null;
}
