using System.Globalization;
using CrmMail.Hosting.Configuration;
using CrmMail.Lambda.Core;

namespace CrmMail.Settings;

/// <summary>
/// Reads a function's variables by their <see cref="Setting"/>, with its rule and default, from
/// its environment. Scoped to the function's list in <see cref="Catalogue"/>: reading a setting
/// outside it is a programming error, so a function cannot read a variable the stack does not
/// know it reads. Every failure is a <see cref="ConfigurationException"/> naming the variable.
/// </summary>
public sealed class SettingsReader(IEnvironmentVariables environment, IReadOnlyList<Setting> scope)
{
    /// <summary>
    /// The checked, normalized value; the default when unset or blank; null when unset with no
    /// default. A required setting (whose <see cref="Setting.When"/> holds) that is unset fails.
    /// </summary>
    public string? Value(Setting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (!scope.Contains(setting))
        {
            throw new InvalidOperationException($"{setting.Name} is not in this function's catalogue entry (CrmMail.Settings.Catalogue): declare it there, so the stack sets it.");
        }

        var raw = environment.GetEnvironmentVariable(setting.Name);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return setting.Required && Applies(setting) ? throw new ConfigurationException($"{setting.Name} is not set.") : setting.Default;
        }

        return setting.Rule.TryCheck(raw.Trim(), out var result) ? result : throw new ConfigurationException($"{setting.Name} {result}.");
    }

    /// <summary>The value of a setting that has a default or is required.</summary>
    public string Text(Setting setting) => Value(setting) ?? throw new InvalidOperationException($"{setting?.Name} has neither a default nor a value: read it with Value.");

    /// <summary>An <see cref="SettingKind.Integer"/> setting.</summary>
    public int Int(Setting setting) => int.Parse(Text(setting), NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>A URL setting.</summary>
    public Uri Url(Setting setting) => new(Text(setting), UriKind.Absolute);

    /// <summary>A <see cref="SettingKind.Base64Key"/> setting's bytes.</summary>
    public byte[] Key(Setting setting) => Convert.FromBase64String(Text(setting));

    /// <summary>Whether <paramref name="setting"/> has <paramref name="value"/>.</summary>
    public bool Is(Setting setting, string value) => string.Equals(Value(setting), value, StringComparison.Ordinal);

    /// <summary>Whether a setting's condition (<see cref="Setting.When"/>) holds.</summary>
    public bool Applies(Setting setting) => setting?.When is not { } when || Is(when.Setting, when.Value);
}
