namespace CrmMail.Routes;

/// <summary>The campaign API's paths (issue 16), spelled once for the route table, the handler and the docs.</summary>
public static class CampaignPaths
{
    /// <summary>POST: create a campaign.</summary>
    public const string Campaigns = "/campaigns";

    /// <summary>GET: a campaign's state and counts.</summary>
    public const string Campaign = "/campaigns/{id}";

    /// <summary>GET: a page of a campaign's recipients by result.</summary>
    public const string Recipients = "/campaigns/{id}/recipients";

    /// <summary>POST: pause a sending campaign.</summary>
    public const string Pause = "/campaigns/{id}/pause";

    /// <summary>POST: resume a paused campaign.</summary>
    public const string Resume = "/campaigns/{id}/resume";

    /// <summary>POST: cancel a campaign.</summary>
    public const string Cancel = "/campaigns/{id}/cancel";

    /// <summary>POST: a presigned PUT for a recipient list.</summary>
    public const string Uploads = "/campaigns/uploads";
}
