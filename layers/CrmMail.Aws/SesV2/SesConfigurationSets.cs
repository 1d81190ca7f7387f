using CrmMail.Settings;
using CrmMail.Subscriptions;

namespace CrmMail.Aws.SesV2;

/// <summary>
/// The SES configuration set each stream's mail is sent with (<see cref="Catalogue.SesConfigurationSetOutreach"/>,
/// <see cref="Catalogue.SesConfigurationSetFinancial"/>): the stack's sets publish every event to SesEvents,
/// and open and click tracking is a property of a set (SES adds the pixel and rewrites links only
/// when the set's destination takes Open and Click), so tracking follows the stream through the
/// set it picks. Null: no configuration set (local runs, or a stack without event publishing).
/// </summary>
public sealed record SesConfigurationSets(string? Outreach, string? Financial)
{
    /// <summary>No configuration set for either stream.</summary>
    public static SesConfigurationSets None { get; } = new(null, null);

    /// <summary>Reads both settings; empty is none.</summary>
    public static SesConfigurationSets Load(SettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new(NullIfEmpty(reader.Value(Catalogue.SesConfigurationSetOutreach)), NullIfEmpty(reader.Value(Catalogue.SesConfigurationSetFinancial)));
    }

    /// <summary>The set for mail on <paramref name="topic"/>, or null.</summary>
    public string? For(string topic) => topic switch
    {
        Topics.Outreach => Outreach,
        Topics.Financial => Financial,
        _ => null,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
