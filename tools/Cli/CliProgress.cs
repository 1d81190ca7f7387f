using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace CrmMail.Cli;

/// <summary>
/// Says what a long step (a first build, a Native-AOT publish) is doing: a live status line
/// with a spinner on a terminal, or one plain line before and one after when stderr is
/// redirected (CI logs, tests), so nothing waits silently for minutes.
/// </summary>
internal sealed class CliProgress(TextWriter stderr)
{
    // Only the real, unredirected stderr gets the live line; anything else gets plain text.
    private readonly bool _live = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;

    public async Task<T> RunAsync<T>(string doing, Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        T result;
        if (_live)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
            result = await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(doing) + "…", _ => work()).ConfigureAwait(false);
        }
        else
        {
            await stderr.WriteLineAsync("crm-mail: " + doing + "…").ConfigureAwait(false);
            result = await work().ConfigureAwait(false);
        }

        await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"crm-mail: {doing}: done in {clock.Elapsed.TotalSeconds:0} s")).ConfigureAwait(false);
        return result;
    }
}
