using CrmMail.Aws.Composition;
using CrmMail.Lambda.Core;

namespace CrmMail.Functions.MailtoUnsubscribe;

/// <summary>The adapters the mailto function runs over: the AWS ones in Lambda (<see cref="ForAws"/>), local ones in <c>crm-mail serve</c>.</summary>
internal sealed record MailtoPorts(SubscriptionServices Services, TimeProvider Time)
{
    /// <summary>The AWS adapters named by <paramref name="settings"/>, whose secrets are resolved.</summary>
    public static MailtoPorts ForAws(MailtoSettings settings, HttpClient http, ILambdaLogger logger, TimeProvider time)
        => new(SubscriptionServices.CreateForAws(settings?.Subscriptions ?? throw new ArgumentNullException(nameof(settings)), http, logger, time), time);
}
