namespace CrmMail.LocalSuite.Campaigns;

/// <summary>The campaign page's form: a recipient list (one address a line, or CSV whose first column is the address) and the message.</summary>
internal sealed record DemoCampaign(string Recipients, string From, string Subject, string Text, bool Newsletter);
