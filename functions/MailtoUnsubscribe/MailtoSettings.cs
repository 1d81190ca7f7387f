using CrmMail.Aws.Composition;
using CrmMail.Lambda.Core;
using CrmMail.Settings;

namespace CrmMail.Functions.MailtoUnsubscribe;

/// <summary>The mailto unsubscribe function's configuration (<see cref="Catalogue.MailtoUnsubscribe"/>).</summary>
internal sealed record MailtoSettings(SubscriptionSettings Subscriptions, int MaxContentBytes)
{
    /// <summary>Reads <see cref="Catalogue.MailtoUnsubscribe"/>; a problem names its variable.</summary>
    public static MailtoSettings Load(IEnvironmentVariables environment)
    {
        var reader = new SettingsReader(environment, Catalogue.MailtoUnsubscribe);
        return new MailtoSettings(SubscriptionSettings.Load(reader), reader.Int(Catalogue.MailtoMaxContentBytes));
    }
}
