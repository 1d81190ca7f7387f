namespace CrmMail.Mail.Outreach;

/// <summary>What an outreach request came to, in the domain's words.</summary>
public enum OutreachStatus
{
    /// <summary>Every recipient was tried: see the results (sent, suppressed or failed).</summary>
    Attempted = 0,

    /// <summary>No template of that name in the transport's store; nothing sent.</summary>
    TemplateNotFound = 1,

    /// <summary>The template and the variables do not fit (missing, unknown, unsupported); nothing sent.</summary>
    TemplateRejected = 2,
}
