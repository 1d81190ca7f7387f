using CrmMail.Mail.Reports;
using CrmMail.Mail.Validation;

namespace CrmMail.Campaigns;

/// <summary>
/// What every recipient of a campaign receives, stored once in the campaign bucket: the
/// validated send-mail fields without the recipients, and the report links the API signed
/// once for the whole campaign (never per recipient, never per batch).
/// </summary>
public sealed record CampaignContent(
    string From,
    string? ReplyTo,
    string Subject,
    string Html,
    string Text,
    string CampaignName,
    CampaignType Type,
    IReadOnlyList<ReportLink> Links)
{
    /// <summary>The content of a validated send-mail command, with its links already signed.</summary>
    public static CampaignContent Of(SendMailCommand command, IReadOnlyList<ReportLink> links)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(links);
        return new CampaignContent(command.From, command.ReplyTo, command.Subject, command.Html, command.Text, command.CampaignName, command.Type, links);
    }

    /// <summary>The command <c>MessageComposer</c> composes from (recipients are given one at a time).</summary>
    public SendMailCommand ToCommand() => new([], From, ReplyTo, Subject, Html, Text, CampaignName, Type, Reports: null);
}
