using CrmMail.Aws.Composition;
using CrmMail.Identity;
using CrmMail.Lambda.Core;

namespace CrmMail.Functions.AddContact;

/// <summary>The adapters add-contact runs over: the AWS ones in Lambda (<see cref="ForAws"/>), local ones in <c>crm-mail serve</c>.</summary>
internal sealed record AddContactPorts(SubscriptionServices Services, IFirebaseCertificateSource FirebaseCertificates, TimeProvider Time)
{
    /// <summary>The AWS adapters named by <paramref name="settings"/>, whose secrets are resolved, and Google's certificates.</summary>
    public static AddContactPorts ForAws(AddContactSettings settings, HttpClient http, ILambdaLogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(
            SubscriptionServices.CreateForAws(settings.Subscriptions, http, logger, time),
            new HttpFirebaseCertificateSource(http, settings.FirebaseCertificatesUrl, time),
            time);
    }
}
