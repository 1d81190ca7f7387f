using Constructs;
using CrmMail.Routes;

namespace CrmMail.Infra.Functions;

/// <summary>POST /outreach/webhook: Mailgun's signed events (unsubscribes, bounces, complaints).</summary>
public sealed class MailgunWebhookFunction(Construct scope, string id, SuiteFunctionProps props)
    : SuiteFunction(scope, id, FunctionNames.MailgunWebhook, 512, 15, props);
