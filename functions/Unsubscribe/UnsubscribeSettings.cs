using CrmMail.Aws.Composition;
using CrmMail.Hosting.Configuration;
using CrmMail.Lambda.Core;

namespace CrmMail.Functions.Unsubscribe;

/// <summary>The unsubscribe function's configuration.</summary>
internal sealed record UnsubscribeSettings(SubscriptionSettings Subscriptions, bool ApplyOnGet, Uri ConfirmationUrl)
{
    /// <summary>UNSUBSCRIBE_GET_MODE (apply | confirm, default apply) and UNSUBSCRIBE_CONFIRMATION_URL (required, https).</summary>
    public static UnsubscribeSettings Load(IEnvironmentVariables environment)
    {
        var reader = new EnvironmentReader(environment);
        return new UnsubscribeSettings(
            SubscriptionSettings.Load(environment),
            reader.OneOf("UNSUBSCRIBE_GET_MODE", "apply", "apply", "confirm") == "apply",
            reader.HttpsUrl("UNSUBSCRIBE_CONFIRMATION_URL"));
    }
}
