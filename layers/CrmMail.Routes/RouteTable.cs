namespace CrmMail.Routes;

/// <summary>
/// Every HTTP route of the suite. Only functions that exist appear here; each issue that adds
/// a function adds its routes.
/// </summary>
public static class RouteTable
{
    /// <summary>All routes.</summary>
    public static IReadOnlyList<Route> All { get; } =
    [
        new("POST", "/send-mail", FunctionNames.SendMail, RequiresApiKey: true, ThrottleClass.Send),
        new("GET", "/financial/unsubscribe", FunctionNames.Unsubscribe, RequiresApiKey: false, ThrottleClass.Read),
        new("POST", "/financial/unsubscribe", FunctionNames.Unsubscribe, RequiresApiKey: false, ThrottleClass.Read),
        new("GET", "/outreach/unsubscribe", FunctionNames.Unsubscribe, RequiresApiKey: false, ThrottleClass.Read),
        new("POST", "/outreach/unsubscribe", FunctionNames.Unsubscribe, RequiresApiKey: false, ThrottleClass.Read),
        new("POST", "/financial/add-contact", FunctionNames.AddContact, RequiresApiKey: false, ThrottleClass.Read),
        new("OPTIONS", "/financial/add-contact", FunctionNames.AddContact, RequiresApiKey: false, ThrottleClass.Read),
        new("POST", "/outreach/webhook", FunctionNames.MailgunWebhook, RequiresApiKey: false, ThrottleClass.Webhook),
        new("POST", OutreachPaths.SendEmail, FunctionNames.OutreachSend, RequiresApiKey: false, ThrottleClass.Send),
        new("OPTIONS", OutreachPaths.SendEmail, FunctionNames.OutreachSend, RequiresApiKey: false, ThrottleClass.Read),
        new("POST", OutreachPaths.SendTemplateEmail, FunctionNames.OutreachSend, RequiresApiKey: false, ThrottleClass.Send),
        new("OPTIONS", OutreachPaths.SendTemplateEmail, FunctionNames.OutreachSend, RequiresApiKey: false, ThrottleClass.Read),
        new("GET", "/spaces/{spaceId}/images", FunctionNames.Gallery, RequiresApiKey: false, ThrottleClass.Read),
        new("OPTIONS", "/spaces/{spaceId}/images", FunctionNames.Gallery, RequiresApiKey: false, ThrottleClass.Read),
        new("POST", "/spaces/{spaceId}/uploads", FunctionNames.Gallery, RequiresApiKey: false, ThrottleClass.Read),
        new("OPTIONS", "/spaces/{spaceId}/uploads", FunctionNames.Gallery, RequiresApiKey: false, ThrottleClass.Read),
        new("GET", OutreachPaths.CampaignStats, FunctionNames.OutreachStats, RequiresApiKey: false, ThrottleClass.Read),
        new("OPTIONS", OutreachPaths.CampaignStats, FunctionNames.OutreachStats, RequiresApiKey: false, ThrottleClass.Read),
        new("GET", OutreachPaths.TrackingData, FunctionNames.OutreachStats, RequiresApiKey: false, ThrottleClass.Read),
        new("OPTIONS", OutreachPaths.TrackingData, FunctionNames.OutreachStats, RequiresApiKey: false, ThrottleClass.Read),
        new("POST", CampaignPaths.Campaigns, FunctionNames.Campaigns, RequiresApiKey: true, ThrottleClass.Send),
        new("GET", CampaignPaths.Campaign, FunctionNames.Campaigns, RequiresApiKey: true, ThrottleClass.Send),
        new("GET", CampaignPaths.Recipients, FunctionNames.Campaigns, RequiresApiKey: true, ThrottleClass.Send),
        new("POST", CampaignPaths.Pause, FunctionNames.Campaigns, RequiresApiKey: true, ThrottleClass.Send),
        new("POST", CampaignPaths.Resume, FunctionNames.Campaigns, RequiresApiKey: true, ThrottleClass.Send),
        new("POST", CampaignPaths.Cancel, FunctionNames.Campaigns, RequiresApiKey: true, ThrottleClass.Send),
        new("POST", CampaignPaths.Uploads, FunctionNames.Campaigns, RequiresApiKey: true, ThrottleClass.Send),
    ];

    /// <summary>The route for a method and path, or null.</summary>
    public static Route? Find(string method, string path)
        => All.FirstOrDefault(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Path, path, StringComparison.Ordinal));
}
