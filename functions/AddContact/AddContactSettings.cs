using CrmMail.Aws.Composition;
using CrmMail.Hosting.Configuration;
using CrmMail.Identity;
using CrmMail.Lambda.Core;

namespace CrmMail.Functions.AddContact;

/// <summary>The add-contact function's configuration.</summary>
internal sealed record AddContactSettings(SubscriptionSettings Subscriptions, string FirebaseProjectId, Uri FirebaseCertificatesUrl, IReadOnlyList<string> CorsAllowedOrigins)
{
    /// <summary>FIREBASE_PROJECT_ID (required), FIREBASE_CERTS_URL (default Google's), CORS_ALLOWED_ORIGINS (comma-separated origins, or *).</summary>
    public static AddContactSettings Load(IEnvironmentVariables environment)
    {
        var reader = new EnvironmentReader(environment);
        var origins = reader.Optional("CORS_ALLOWED_ORIGINS", string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
        foreach (var origin in origins.Where(o => o != "*"))
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                throw new ConfigurationException($"CORS_ALLOWED_ORIGINS: '{origin}' is not an origin (scheme://host[:port]).");
            }
        }

        return new AddContactSettings(
            SubscriptionSettings.Load(environment),
            reader.Required("FIREBASE_PROJECT_ID"),
            reader.HttpsUrl("FIREBASE_CERTS_URL", reader.Optional("FIREBASE_CERTS_URL", HttpFirebaseCertificateSource.DefaultUrl.ToString())),
            origins);
    }
}
