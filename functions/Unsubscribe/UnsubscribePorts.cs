using CrmMail.Aws.Composition;
using CrmMail.Lambda.Core;

namespace CrmMail.Functions.Unsubscribe;

/// <summary>The adapters unsubscribe runs over: the AWS ones in Lambda (<see cref="ForAws"/>), local ones in <c>crm-mail serve</c>.</summary>
internal sealed record UnsubscribePorts(SubscriptionServices Services, TimeProvider Time)
{
    /// <summary>The AWS adapters named by <paramref name="settings"/>, whose secrets are resolved.</summary>
    public static UnsubscribePorts ForAws(UnsubscribeSettings settings, HttpClient http, ILambdaLogger logger, TimeProvider time)
        => new(SubscriptionServices.CreateForAws(settings?.Subscriptions ?? throw new ArgumentNullException(nameof(settings)), http, logger, time), time);
}
