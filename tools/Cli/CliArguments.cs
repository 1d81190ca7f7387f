namespace CrmMail.Cli;

/// <summary><c>--name value</c> pairs (every flag takes exactly one value and appears at most once) and positional arguments.</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string> _values;
    private readonly List<string> _positionals;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private int _positionalsRead;

    private CliArguments(Dictionary<string, string> values, List<string> positionals)
    {
        _values = values;
        _positionals = positionals;
    }

    public static CliArguments Parse(ReadOnlySpan<string> args, params string[] switches)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var positionals = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positionals.Add(arg);
                continue;
            }

            string name;
            string value;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[2..equals];
                value = arg[(equals + 1)..];
            }
            else if (switches.Contains(arg[2..]))
            {
                // A switch takes no value: its presence means true.
                name = arg[2..];
                value = "true";
            }
            else
            {
                name = arg[2..];
                if (i + 1 >= args.Length)
                {
                    throw new CliUsageException($"--{name} needs a value");
                }

                value = args[++i];
            }

            if (!values.TryAdd(name, value))
            {
                throw new CliUsageException($"--{name} is given twice");
            }
        }

        return new CliArguments(values, positionals);
    }

    /// <summary>The next positional argument, required.</summary>
    public string Positional(string what)
        => _positionalsRead < _positionals.Count ? _positionals[_positionalsRead++] : throw new CliUsageException(what + " is required");

    public string Required(string name)
        => Optional(name) ?? throw new CliUsageException($"--{name} is required");

    public string? Optional(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>Fails on any flag the command did not ask for (a typo must not be ignored).</summary>
    public void EnsureNoneUnknown()
    {
        var unknown = _values.Keys.FirstOrDefault(k => !_read.Contains(k));
        if (unknown is not null)
        {
            throw new CliUsageException($"unknown flag --{unknown}");
        }

        if (_positionalsRead < _positionals.Count)
        {
            throw new CliUsageException($"unexpected argument '{_positionals[_positionalsRead]}'");
        }
    }
}
