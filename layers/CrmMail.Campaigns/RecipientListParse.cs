using CrmMail.Mail.Validation;

namespace CrmMail.Campaigns;

/// <summary>
/// An uploaded recipient list as parsed: the good rows in file order, and one error per bad
/// row naming its line (at most <see cref="RecipientListParser.MaxListedErrors"/>, then one
/// error counting the rest).
/// </summary>
public sealed record RecipientListParse(IReadOnlyList<ListedRecipient> Rows, IReadOnlyList<FieldError> Errors);
