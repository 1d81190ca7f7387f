using CrmMail.Kernel;
using CrmMail.Mail.Templates;

namespace CrmMail.Aws.SesV2;

/// <summary>
/// Templates as SES v2 email templates (CreateEmailTemplate, UpdateEmailTemplate,
/// GetEmailTemplate, ListEmailTemplates, DeleteEmailTemplate). Put creates and, when the
/// template exists, updates. NotFound is a missing template; any other failure after the
/// client's retries is an outage (<see cref="DependencyUnavailableException"/>) carrying only
/// SES's error code.
/// </summary>
public sealed class SesEmailTemplateStore(SesV2Client client) : IEmailTemplateStore
{
    /// <inheritdoc />
    public async Task<EmailTemplate?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var result = await client.GetEmailTemplateAsync(name, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Error.Code == SesErrorCode.NotFound ? null : throw Unavailable("GetEmailTemplate", result.Error);
        }

        var content = result.Value!.TemplateContent;
        return new EmailTemplate(result.Value.TemplateName ?? name, content?.Subject, content?.Html, content?.Text);
    }

    /// <inheritdoc />
    public async Task PutAsync(EmailTemplate template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        var content = new SesEmailTemplateContent(template.Subject, template.Html, template.Text);
        var created = await client.CreateEmailTemplateAsync(new SesCreateEmailTemplateRequest(template.Name, content), cancellationToken).ConfigureAwait(false);
        if (created.IsSuccess)
        {
            return;
        }

        if (created.Error.Code != SesErrorCode.AlreadyExists)
        {
            throw Unavailable("CreateEmailTemplate", created.Error);
        }

        var updated = await client.UpdateEmailTemplateAsync(template.Name, new SesUpdateEmailTemplateRequest(content), cancellationToken).ConfigureAwait(false);
        if (!updated.IsSuccess)
        {
            throw Unavailable("UpdateEmailTemplate", updated.Error);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        string? nextToken = null;
        do
        {
            var page = await client.ListEmailTemplatesAsync(nextToken, 100, cancellationToken).ConfigureAwait(false);
            if (!page.IsSuccess)
            {
                throw Unavailable("ListEmailTemplates", page.Error);
            }

            names.AddRange((page.Value!.TemplatesMetadata ?? []).Select(t => t.TemplateName).OfType<string>());
            nextToken = page.Value.NextToken;
        }
        while (!string.IsNullOrEmpty(nextToken));
        return names;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var result = await client.DeleteEmailTemplateAsync(name, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess || (result.Error.Code == SesErrorCode.NotFound ? false : throw Unavailable("DeleteEmailTemplate", result.Error));
    }

    // The code only: SES's message can echo the request.
    private static DependencyUnavailableException Unavailable(string operation, SesError error)
        => new($"SES {operation} failed: {error.Code} (HTTP {error.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
}
