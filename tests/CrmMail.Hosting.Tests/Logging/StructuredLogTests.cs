using System.Text.Json;
using CrmMail.Hosting.Logging;
using CrmMail.Lambda.Core;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Hosting.Tests.Logging;

public class StructuredLogTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, 123, TimeSpan.Zero));

    private LambdaLogger Create(StringWriter output, string format, string? level = null)
    {
        var environment = new Dictionary<string, string> { ["AWS_LAMBDA_LOG_FORMAT"] = format };
        if (level is not null)
        {
            environment["AWS_LAMBDA_LOG_LEVEL"] = level;
        }

        return LambdaLogger.FromEnvironment(new DictionaryEnvironmentVariables(environment), output, _time);
    }

    [Fact]
    public void Log_JsonFormat_WritesOneObjectPerLineWithContextAndFields()
    {
        using var output = new StringWriter();
        var sut = Create(output, "JSON").ForInvocation("req-1", "Root=1-abc");

        sut.WriteWarning("audit write failed", LogField.Of("attempts", 3L), LogField.Of("message", "collides"), LogField.Of("ok", false));

        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("2026-11-23T12:00:00.123Z", root.GetProperty("timestamp").GetString());
        Assert.Equal("WARN", root.GetProperty("level").GetString());
        Assert.Equal("req-1", root.GetProperty("requestId").GetString());
        Assert.Equal("Root=1-abc", root.GetProperty("traceId").GetString());
        // The runtime renders the template into the message; the fields are properties as well.
        Assert.Equal("audit write failed attempts=3 message=collides ok=false", root.GetProperty("message").GetString());
        Assert.Equal(3, root.GetProperty("attempts").GetInt64());
        Assert.Equal("collides", root.GetProperty("field_message").GetString());
        Assert.False(root.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void Log_TextFormat_WritesOnePlainLineWithoutNewlinesFromTheMessage()
    {
        using var output = new StringWriter();
        var sut = Create(output, "Text").ForInvocation("req-2", null);

        sut.WriteInformation("two\nlines", LogField.Of("count", 2L));

        Assert.Equal("2026-11-23T12:00:00.123Z\treq-2\tINFO\ttwo lines count=2\n", output.ToString());
    }

    [Fact]
    public void Log_BelowConfiguredLevel_WritesNothing()
    {
        using var output = new StringWriter();
        var sut = Create(output, "JSON", "ERROR");

        sut.WriteWarning("ignored");
        sut.WriteError("kept");

        Assert.DoesNotContain("ignored", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("kept", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_FromManyThreads_LinesNeverInterleave()
    {
        using var output = new StringWriter();
        var sut = Create(output, "JSON");

        Parallel.For(0, 2000, i => sut.WriteInformation("line", LogField.Of("i", (long)i)));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2000, lines.Length);
        Assert.Equal(Enumerable.Range(0, 2000), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("i").GetInt32()).Order());
    }

    [Fact]
    public void WriteWarning_OfficialShapedLogger_GetsEveryFieldAsANamedPlaceholder()
    {
        // Rule: the facade writes through the official interface only, so a logger that knows nothing
        // of LogField (the official runtime's, after the namespace swap) still receives every field by name.
        var sut = new OfficialShapedLogger();

        sut.WriteWarning("audit {write} failed", LogField.Of("attempts", 3L), LogField.Of("contactHash", "ab12"), LogField.Of("actor", (string?)null));

        var call = Assert.Single(sut.Calls);
        Assert.Equal("Warning", call.Level);
        Assert.Equal("audit {{write}} failed attempts={attempts} contactHash={contactHash} actor={actor}", call.Template);
        Assert.Equal(new object?[] { 3L, "ab12", null }, call.Args);
    }
}
