namespace CrmMail.Mail.Templates;

/// <summary>
/// Where the transport keeps its templates: SES v2 email templates, Mailgun stored templates,
/// or <c>crm-mail serve</c>'s data folder. <c>crm-mail templates put|list|get|delete</c> manages
/// them; the send-template-email route reads them. A store that cannot be reached (or refuses
/// our credentials) throws <see cref="Kernel.DependencyUnavailableException"/>.
/// </summary>
public interface IEmailTemplateStore
{
    /// <summary>The template named <paramref name="name"/>, or null when there is none.</summary>
    Task<EmailTemplate?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates the template or replaces its content.</summary>
    Task PutAsync(EmailTemplate template, CancellationToken cancellationToken);

    /// <summary>Every template's name, in the store's order.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the template; false when there was none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);
}
