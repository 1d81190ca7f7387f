namespace CrmMail.Routes;

/// <summary>
/// The outreach send routes' paths, spelled once: <see cref="RouteTable"/> routes them and the
/// OutreachSend handler, which serves both, tells them apart (by API Gateway's resource); the
/// OutreachStats handler likewise serves the two read routes.
/// </summary>
public static class OutreachPaths
{
    /// <summary>POST: an individual email (SendEmailRequest).</summary>
    public const string SendEmail = "/outreach/send-email";

    /// <summary>POST: a stored template (SendTemplateEmailRequest).</summary>
    public const string SendTemplateEmail = "/outreach/send-template-email";

    /// <summary>GET: campaign counters (CampaignStatsResponse).</summary>
    public const string CampaignStats = "/outreach/campaign-stats";

    /// <summary>GET: provider events, newest first, paged.</summary>
    public const string TrackingData = "/outreach/tracking-data";
}
