namespace CrmMail.Cli;

/// <summary>What every command writes to and reads the time from (tests pass string writers and a fake clock).</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, TimeProvider timeProvider)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public TimeProvider Time { get; } = timeProvider;

    /// <summary>Progress lines for long work, on stderr so stdout stays the command's result.</summary>
    public CliProgress Progress { get; } = new(stderr);
}
