using System.CommandLine;

namespace CrmMail.Cli;

/// <summary>Option factories, so every command declares its flags the same way.</summary>
internal static class CliOptions
{
    public static Option<string> Required(string name, string description)
        => new(name) { Required = true, Description = description };

    public static Option<string> Optional(string name, string description)
        => new(name) { Description = description };

    public static Option<bool> Switch(string name, string description)
        => new(name) { Description = description };

    public static Option<string> OneOf(string name, string description, string defaultValue, params string[] values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(values);
        return option;
    }
}
