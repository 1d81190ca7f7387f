using CrmMail.Aws.Composition;
using CrmMail.Hosting.Configuration;
using CrmMail.Identity;
using CrmMail.Lambda.Core;
using CrmMail.Settings;

namespace CrmMail.Functions.AddContact;

/// <summary>The add-contact function's configuration (<see cref="Catalogue.AddContact"/>).</summary>
internal sealed record AddContactSettings(SubscriptionSettings Subscriptions, string FirebaseProjectId, Uri FirebaseCertificatesUrl, IReadOnlyList<string> CorsAllowedOrigins)
{
    /// <summary>Reads <see cref="Catalogue.AddContact"/>; a problem names its variable.</summary>
    public static AddContactSettings Load(IEnvironmentVariables environment)
    {
        var reader = new SettingsReader(environment, Catalogue.AddContact);
        var origins = reader.Text(Catalogue.CorsAllowedOrigins).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new AddContactSettings(
            SubscriptionSettings.Load(reader),
            reader.Text(Catalogue.FirebaseProjectId),
            reader.Url(Catalogue.FirebaseCertsUrl),
            origins);
    }
}
