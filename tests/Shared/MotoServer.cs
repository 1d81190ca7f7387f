using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace CrmMail.Tests.Shared;

/// <summary>
/// moto_server on a free 127.0.0.1 port, started by the tests themselves. AWS SDK clients and
/// our own SES client point at <see cref="Url"/> with the throwaway credentials below.
/// </summary>
public sealed partial class MotoServer : IAsyncDisposable
{
    public const string AccessKey = "testing";
    public const string SecretKey = "testing";
    public const string Region = "us-east-1";

    private readonly Process _process;

    private MotoServer(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>
    /// Starts moto_server on port 0, so the server binds a free port itself, once: no port is
    /// probed here and bound later (another process could take it in between, and a health check
    /// would then talk to a stranger). Werkzeug logs the port it bound ("Running on
    /// http://127.0.0.1:PORT") on stderr; that line, from our own process, is the only source of
    /// the URL. If the process exits first, the start fails with its exit code.
    /// </summary>
    public static async Task<MotoServer> StartAsync()
    {
        var info = new ProcessStartInfo("moto_server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-H", "127.0.0.1", "-p", "0" })
        {
            info.ArgumentList.Add(arg);
        }

        var bound = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Watch(string? line)
        {
            if (line is not null && RunningOn().Match(line) is { Success: true } match)
            {
                bound.TrySetResult(new Uri("http://127.0.0.1:" + match.Groups[1].Value));
            }
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("moto_server did not start");
        process.OutputDataReceived += (_, e) => Watch(e.Data);
        process.ErrorDataReceived += (_, e) => Watch(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => bound.TrySetException(new InvalidOperationException("moto_server exited before it listened"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.HasExited)
        {
            bound.TrySetException(new InvalidOperationException("moto_server exited with code " + process.ExitCode));
        }

        Uri url;
        try
        {
            url = await bound.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            throw;
        }

        // Bound is not yet serving every backend: wait for moto's own API to answer.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 150 && !process.HasExited; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(url, "/moto-api/data.json"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return new MotoServer(process, url);
                }
            }
            catch (HttpRequestException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        var exited = process.HasExited;
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
        throw exited ? new InvalidOperationException("moto_server exited after it bound") : new TimeoutException("moto_server did not answer within 15 s");
    }

    /// <summary>Runs a boto3 snippet against this server (an independent client for setup and checks).</summary>
    public Task<(int ExitCode, string StdOut, string StdErr)> Boto3Async(string service, string code)
    {
        var script = $"""
            import boto3, json
            c = boto3.client('{service}', endpoint_url='{Url}', region_name='{Region}', aws_access_key_id='{AccessKey}', aws_secret_access_key='{SecretKey}')
            {code}
            """;
        return ProcessRunner.RunAsync("python3", ["-c", script], TimeSpan.FromMinutes(1));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Running on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex RunningOn();
}
