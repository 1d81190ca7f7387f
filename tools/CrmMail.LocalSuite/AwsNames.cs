using CrmMail.Lambda.Core;
using CrmMail.Settings;

namespace CrmMail.LocalSuite;

/// <summary>Resource names at an AWS endpoint, read by the functions' own catalogue entries from serve's environment.</summary>
internal sealed record AwsNames(string ContactList, string KmsKeyId, string TokenKeysTable, string AuditTable, string IdempotencyTable, string EventsTable, string ReportsBucket, IReadOnlyList<string> SendingIdentities, string ContactLeaseTable, string RateLimitTable, string SpaceMembersTable, string StatsTable)
{
    /// <summary>serve's own variable (no function reads it): the SES identities to verify when provisioning.</summary>
    private const string SendingIdentitiesVariable = "SES_SENDING_IDENTITIES";

    /// <summary>The names in <paramref name="functions"/> (the functions' environment), the identities from <paramref name="overrides"/>.</summary>
    public static AwsNames From(IEnvironmentVariables functions, IEnvironmentVariables overrides)
    {
        var reader = new SettingsReader(functions, Catalogue.All);
        return new(
            reader.Text(Catalogue.SesContactListName),
            reader.Text(Catalogue.UnsubscribeKmsKeyId),
            reader.Text(Catalogue.TokenKeysTable),
            reader.Text(Catalogue.AuditTable),
            reader.Text(Catalogue.IdempotencyTable),
            reader.Text(Catalogue.EventsTable),
            reader.Text(Catalogue.ReportsBucket),
            (overrides.GetEnvironmentVariable(SendingIdentitiesVariable) is { Length: > 0 } identities ? identities : "example.com").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            reader.Text(Catalogue.ContactLeaseTable),
            reader.Text(Catalogue.RateLimitTable),
            reader.Text(Catalogue.SpaceMembersTable),
            reader.Text(Catalogue.CampaignStatsTable));
    }
}
