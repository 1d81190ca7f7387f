using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CrmMail.Tests.Shared;

/// <summary>
/// moto_server on a free 127.0.0.1 port, started by the tests themselves. AWS SDK clients and
/// our own SES client point at <see cref="Url"/> with the throwaway credentials below.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
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

    public static async Task<MotoServer> StartAsync()
    {
        var port = FreePort();
        var info = new ProcessStartInfo("moto_server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("moto_server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var url = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 150; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("moto_server exited with code " + process.ExitCode);
            }

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
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("moto_server did not answer within 15 s");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
