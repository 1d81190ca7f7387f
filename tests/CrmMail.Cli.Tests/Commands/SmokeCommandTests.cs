using System.Net;
using System.Net.Sockets;
using CrmMail.Routes;

namespace CrmMail.Cli.Tests.Commands;

/// <summary><c>crm-mail smoke</c> against a real <c>serve</c> process, and against nothing at all.</summary>
public sealed class SmokeCommandTests
{
    // Rule: against a working stage every route answers its harmless probe as expected; the table lists each route; exit 0.
    [Theory]
    [Trait("Category", "Integration")]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Smoke_AgainstServe_EveryRouteOk(bool withApiKey)
    {
        await using var serve = await ServeProcess.StartAsync();
        string[] key = withApiKey ? ["--api-key", serve.ApiKey] : [];

        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run(["smoke", "--stage-url", serve.StageUrl.ToString(), .. key]);

        Assert.True(exitCode == 0, stdout + stderr);
        foreach (var route in DeployedRoutes.All)
        {
            Assert.Contains($"{route.Method} {route.Path}", stdout, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("FAIL", stdout, StringComparison.Ordinal);
        Assert.Contains($"{DeployedRoutes.All.Count} of {DeployedRoutes.All.Count} routes ok", stdout, StringComparison.Ordinal);
    }

    // Rule: a stage that does not answer fails every route as unreachable, exit 1.
    [Fact]
    public async Task Smoke_NothingListening_EveryRouteUnreachableAndExit1()
    {
        // Bound and held but never listening: connections are refused, and no other process
        // can take the port during the test.
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)bound.LocalEndPoint!).Port;

        var (exitCode, stdout, _) = await SignUrlCommandTests.Run("smoke", "--stage-url", $"http://127.0.0.1:{port}/prod", "--timeout", "5");

        Assert.Equal(CliApp.Failed, exitCode);
        Assert.Contains("unreachable", stdout, StringComparison.Ordinal);
        Assert.Contains($"0 of {DeployedRoutes.All.Count} routes ok", stdout, StringComparison.Ordinal);
    }

    // Rule: a route answering 5xx (a Native-AOT init failure after deploy) fails the smoke check.
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Smoke_RouteAnswering5xx_Fails()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                var stream = client.GetStream();
                var buffer = new byte[16384];
                _ = await stream.ReadAsync(buffer, stop.Token);
                await stream.WriteAsync("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), stop.Token);
            }
        });

        var (exitCode, stdout, _) = await SignUrlCommandTests.Run("smoke", "--stage-url", $"http://127.0.0.1:{port}/prod", "--timeout", "5");
        await stop.CancelAsync();

        Assert.Equal(CliApp.Failed, exitCode);
        Assert.Contains("FAIL: server error", stdout, StringComparison.Ordinal);
    }
}
