using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CrmMail.Cli.Tests;

/// <summary>A real <c>crm-mail serve --port 0</c> process on a fresh data folder, read until it prints "Ctrl+C".</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, string data, string output)
    {
        _process = process;
        DataDirectory = data;
        Output = output;
        BaseUrl = new Uri(Listening().Match(output).Groups[1].Value);
        ApiKey = ApiKeyLine().Match(output).Groups[1].Value;
    }

    public Uri BaseUrl { get; }

    /// <summary>The API's stage URL (stage "local").</summary>
    public Uri StageUrl => new(BaseUrl, "local");

    public string ApiKey { get; }

    public string DataDirectory { get; }

    public string Output { get; }

    public static async Task<ServeProcess> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "crm-mail-serve-" + Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "crm-mail.dll"), "serve", "--port", "0", "--data", data })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (line.StartsWith("Ctrl+C", StringComparison.Ordinal))
            {
                break;
            }
        }

        // Keep draining the function log lines so the child never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return new ServeProcess(process, data, string.Join('\n', lines));
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }

    [GeneratedRegex("listening on (http://127\\.0\\.0\\.1:\\d+/)")]
    private static partial Regex Listening();

    [GeneratedRegex(@"API key\s+(\S+)")]
    private static partial Regex ApiKeyLine();
}
