using CrmMail.Aws.Composition;
using CrmMail.Hosting.Configuration;
using CrmMail.Lambda.Core;
using CrmMail.Settings;

namespace CrmMail.Functions.Unsubscribe;

/// <summary>The unsubscribe function's configuration (<see cref="Catalogue.Unsubscribe"/>).</summary>
internal sealed record UnsubscribeSettings(SubscriptionSettings Subscriptions, bool ApplyOnGet, Uri ConfirmationUrl)
{
    /// <summary>Reads <see cref="Catalogue.Unsubscribe"/>; a problem names its variable.</summary>
    public static UnsubscribeSettings Load(IEnvironmentVariables environment)
    {
        var reader = new SettingsReader(environment, Catalogue.Unsubscribe);
        return new UnsubscribeSettings(
            SubscriptionSettings.Load(reader),
            reader.Is(Catalogue.UnsubscribeGetMode, "apply"),
            reader.Url(Catalogue.UnsubscribeConfirmationUrl));
    }
}
