using CrmMail.Mail.Composition;
using CrmMail.Mail.Sending;
using CrmMail.Mail.Templates;
using CrmMail.Mail.Validation;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Mail.Outreach;

/// <summary>
/// One outreach request (send-email or send-template-email): the template, when named, read
/// from the transport's store and rendered here with the request's variables; then every
/// recipient through <see cref="RecipientSendService"/> on the outreach topic, the same gate,
/// token, footer and headers as send-mail.
/// </summary>
public sealed class OutreachSendFlow(RecipientSendService recipients, MessageComposer composer, IEmailTemplateStore templates)
{
    /// <summary>Sends. A template store or dependency that is down before anything went out throws <see cref="Kernel.DependencyUnavailableException"/>.</summary>
    public async Task<OutreachOutcome> RunAsync(OutreachCommand command, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        OutreachMessage message;
        if (command.Template is { } name)
        {
            var template = await templates.GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (template is null)
            {
                return new OutreachOutcome(OutreachStatus.TemplateNotFound, [new FieldError("template", $"There is no template named '{name}'.")], []);
            }

            var rendering = TemplateRenderer.Render(template, command.TemplateVariables, command.Subject);
            if (!rendering.IsValid)
            {
                return new OutreachOutcome(OutreachStatus.TemplateRejected, rendering.Errors, []);
            }

            message = new OutreachMessage(command.From, command.ReplyTo, rendering.Subject, rendering.Html, rendering.Text, command.Tags, [], command.Tracking);
        }
        else
        {
            message = new OutreachMessage(command.From, command.ReplyTo, command.Subject!, command.Html, command.Text, command.Tags, command.Variables, command.Tracking);
        }

        var results = await recipients.SendAllAsync(
            command.Recipients,
            Topics.Outreach,
            (recipient, token) => composer.Compose(message, recipient, token),
            context,
            cancellationToken).ConfigureAwait(false);
        return new OutreachOutcome(OutreachStatus.Attempted, [], results);
    }
}
