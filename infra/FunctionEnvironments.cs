using CrmMail.Settings;

namespace CrmMail.Infra;

/// <summary>
/// Each function's environment, built from its list in <see cref="Catalogue"/> and nothing else:
/// a variable the stack binds to a resource takes that resource's value, a context-reachable
/// one the validated context value (or its default, written out so the template shows what is
/// in effect), and a variable only local runs use is never set. So the stack sets every
/// variable a function requires, sets none it does not read, and cannot spell one differently.
/// </summary>
public sealed class FunctionEnvironments
{
    private readonly StackSettings _settings;
    private readonly IReadOnlyDictionary<Setting, string> _resources;

    /// <summary>Environments for <paramref name="settings"/> with the stack's resources bound to their settings.</summary>
    public FunctionEnvironments(StackSettings settings, IReadOnlyDictionary<Setting, string> resources)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(resources);
        foreach (var setting in resources.Keys.Where(s => s.Source != SettingSource.Stack))
        {
            throw new ArgumentException($"{setting.Name} is not bound by the stack (its source is {setting.Source}).", nameof(resources));
        }

        _settings = settings;
        _resources = resources;
    }

    /// <summary>The environment of the function named <paramref name="function"/>.</summary>
    public Dictionary<string, string> For(string function)
    {
        // A function with a transport of its own has a context of its own (StackSettings.ContextFor).
        var context = _settings.ContextFor(function);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in Catalogue.For(function).Where(s => Applies(s, context)))
        {
            var value = setting.Source switch
            {
                SettingSource.Stack => _resources.GetValueOrDefault(setting),
                SettingSource.Context => context.GetValueOrDefault(setting.Name),
                _ => null,
            };
            if (value is not null)
            {
                environment[setting.Name] = value;
            }
            else if (setting.Required)
            {
                throw new ArgumentException($"{function} requires {setting.Name} ({setting.Source}), and the stack has no value for it.");
            }
        }

        return environment;
    }

    private static bool Applies(Setting setting, IReadOnlyDictionary<string, string> context)
        => setting.When is not { } when || (context.TryGetValue(when.Setting.Name, out var value) ? value : when.Setting.Default) == when.Value;
}
