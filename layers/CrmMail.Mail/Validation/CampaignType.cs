using CrmMail.Subscriptions;

namespace CrmMail.Mail.Validation;

/// <summary>The CRM's campaign types and the topic (= URL stream) each maps to.</summary>
public enum CampaignType
{
    /// <summary>Statements and reports: topic financial.</summary>
    Financial = 0,

    /// <summary>Newsletters: topic outreach.</summary>
    Newsletter = 1,
}

/// <summary>Mapping helpers.</summary>
public static class CampaignTypes
{
    /// <summary>financial → financial, newsletter → outreach.</summary>
    public static string Topic(this CampaignType type) => type == CampaignType.Financial ? Topics.Financial : Topics.Outreach;

    /// <summary>The wire name.</summary>
    public static string Name(this CampaignType type) => type == CampaignType.Financial ? "financial" : "newsletter";
}
