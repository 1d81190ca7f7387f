namespace CrmMail.Campaigns;

/// <summary>
/// One page of recipient rows, and <see cref="After"/>, the last index the page covers when
/// more rows may follow (null on the last page).
/// </summary>
public sealed record RecipientPage(IReadOnlyList<RecipientRow> Rows, int? After);
