using CrmMail.Tests.Shared;

namespace CrmMail.Aot.Tests;

/// <summary>Publishes the test function with Native AOT once for the whole class.</summary>
public sealed class AotPublishFixture : IAsyncLifetime
{
    public string OutputDirectory { get; } = Directory.CreateTempSubdirectory("aot-fn-").FullName;

    public string Binary => Path.Combine(OutputDirectory, "bootstrap");

    public string PublishLog { get; private set; } = string.Empty;

    public int PublishExitCode { get; private set; }

    public async Task InitializeAsync()
    {
        var project = Path.Combine(TestPaths.RepositoryRoot, "tests", "CrmMail.Aot.TestFunction", "CrmMail.Aot.TestFunction.csproj");
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(
            "dotnet",
            ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", OutputDirectory, "-nologo", "-clp:NoSummary;ForceNoAlign", "-v:n"],
            TimeSpan.FromMinutes(15));
        PublishExitCode = exitCode;
        PublishLog = stdout + stderr;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(OutputDirectory, recursive: true);
        return Task.CompletedTask;
    }
}
