using System.Diagnostics;
using System.Text.RegularExpressions;
using CrmMail.LocalRuntime;
using CrmMail.Tests.Shared;

namespace CrmMail.Aot.Tests;

/// <summary>Checks every published function gets: zero warnings, old-enough glibc, and a way to run it.</summary>
internal static partial class AotAssertions
{
    public static void PublishedWithoutWarnings(AotPublishFixture publish)
    {
        Assert.True(publish.PublishExitCode == 0, publish.PublishLog);
        Assert.True(File.Exists(publish.Binary), "no bootstrap binary in " + publish.OutputDirectory);
        var warnings = WarningPattern().Matches(publish.PublishLog).Select(m => m.Value).Distinct().ToList();
        Assert.True(warnings.Count == 0, string.Join('\n', warnings));
        // The log really went through the IL compiler (otherwise "no warnings" would prove nothing).
        Assert.Contains("Generating native code", publish.PublishLog, StringComparison.Ordinal);
    }

    public static async Task NeedsNoGlibcNewerThan2_34(AotPublishFixture publish)
    {
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync("objdump", ["-T", publish.Binary], TimeSpan.FromMinutes(1));
        Assert.True(exitCode == 0, stderr);
        var versions = GlibcVersionPattern().Matches(stdout).Select(m => Version.Parse(m.Groups[1].Value)).Distinct().ToList();
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.True(v <= new Version(2, 34), $"needs GLIBC_{v}"));
    }

    public static Process Start(AotPublishFixture publish, LocalRuntimeApi runtime, IReadOnlyDictionary<string, string> environment, List<string>? output = null)
    {
        Assert.True(File.Exists(publish.Binary), publish.PublishLog);
        var info = new ProcessStartInfo(publish.Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.Address;
        info.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "aot-test";
        info.Environment["AWS_LAMBDA_LOG_FORMAT"] = "JSON";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (process) { output?.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (process) { output?.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [GeneratedRegex(@"warning (IL\d{4}|CS\d{4}|NU\d{4})[^\r\n]*")]
    private static partial Regex WarningPattern();

    [GeneratedRegex(@"GLIBC_(\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex GlibcVersionPattern();
}
