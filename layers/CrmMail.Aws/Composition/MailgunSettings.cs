using CrmMail.Aws.Http;
using CrmMail.Mail.Transport;
using CrmMail.Settings;

namespace CrmMail.Aws.Composition;

/// <summary>
/// Where a sender's Mailgun is and which secret holds its API key, read once for every function
/// that sends through Mailgun (send-mail, the outreach routes, the campaign sender), so the
/// transport choice and its settings cannot drift between them. Null when
/// <see cref="Catalogue.MailTransport"/> is not <c>mailgun</c>.
/// </summary>
/// <param name="Options">The sending domain and the region's API base URL (or the override).</param>
/// <param name="ApiKeySecret">The Secrets Manager secret (id or ARN) holding the API key.</param>
public sealed record MailgunSettings(MailgunOptions Options, string ApiKeySecret)
{
    /// <summary>
    /// Reads <see cref="Catalogue.MailgunDomain"/>, <see cref="Catalogue.MailgunApiKeySecret"/>,
    /// <see cref="Catalogue.MailgunRegion"/> and <see cref="Catalogue.MailgunBaseUrl"/> through a
    /// function's own reader (whose scope lists them); null unless the function sends through
    /// Mailgun. A missing domain or secret was already refused by the reader, naming the variable.
    /// </summary>
    public static MailgunSettings? Load(SettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!reader.Applies(Catalogue.MailgunDomain))
        {
            return null;
        }

        var baseUrl = reader.Value(Catalogue.MailgunBaseUrl) is { } baseOverride
            ? new Uri(baseOverride)
            : reader.Is(Catalogue.MailgunRegion, "eu") ? MailgunOptions.EuBaseUrl : MailgunOptions.UsBaseUrl;
        return new MailgunSettings(new MailgunOptions(reader.Text(Catalogue.MailgunDomain), baseUrl), reader.Text(Catalogue.MailgunApiKeySecret));
    }

    /// <summary>
    /// Reads the API key from <paramref name="secrets"/> once per container: a successful read is
    /// kept, a failed one is not, so the next send tries again.
    /// </summary>
    public Func<CancellationToken, Task<string>> ApiKey(SecretsManagerClient secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var secretId = ApiKeySecret;
        string? cachedKey = null;
        return async cancellationToken => cachedKey ??= await secrets.GetSecretStringAsync(secretId, cancellationToken).ConfigureAwait(false);
    }
}
