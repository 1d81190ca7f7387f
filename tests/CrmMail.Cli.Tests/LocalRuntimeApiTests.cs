using System.Text;
using CrmMail.LocalRuntime;

namespace CrmMail.Cli.Tests;

/// <summary>The warm-up that keeps the harness's own JIT out of cold-start figures.</summary>
public sealed class LocalRuntimeApiTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task WarmUp_LeavesNothingQueued_SoTheFirstPollGetsTheCallersEvent()
    {
        await using var runtime = await LocalRuntimeApi.StartAsync();
        await runtime.WarmUpAsync();
        using var http = new HttpClient { BaseAddress = new Uri("http://" + runtime.Address) };

        // Had the warm-up left anything queued, this first poll would get it instead of the caller's event.
        var invocation = runtime.InvokeAsync(Encoding.UTF8.GetBytes("{\"real\":true}"), TimeSpan.FromSeconds(10));
        using var next = await http.GetAsync(new Uri("/2018-06-01/runtime/invocation/next", UriKind.Relative));
        var requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();
        Assert.Equal("{\"real\":true}", await next.Content.ReadAsStringAsync());
        using var answered = await http.PostAsync(new Uri($"/2018-06-01/runtime/invocation/{requestId}/response", UriKind.Relative), new StringContent("{\"ok\":1}"));
        var result = await invocation;

        Assert.Equal(requestId, result.RequestId);
        Assert.Equal("{\"ok\":1}", Encoding.UTF8.GetString(result.Body));
    }
}
