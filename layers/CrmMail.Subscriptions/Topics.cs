namespace CrmMail.Subscriptions;

/// <summary>The suite's topics (SES contact-list topics) and the URL streams that name them.</summary>
public static class Topics
{
    /// <summary>Financial reports and statements.</summary>
    public const string Financial = "financial";

    /// <summary>Newsletters and outreach.</summary>
    public const string Outreach = "outreach";

    /// <summary>Every topic the contact list defines.</summary>
    public static IReadOnlyList<string> All { get; } = [Financial, Outreach];

    /// <summary>Whether <paramref name="topic"/> is one of ours.</summary>
    public static bool IsKnown(string? topic) => topic is Financial or Outreach;
}
