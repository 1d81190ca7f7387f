using CrmMail.Tests.Shared;

namespace CrmMail.Aot.Tests;

/// <summary>Publishes a project with Native AOT into a temporary folder and keeps the log.</summary>
public abstract class AotPublishFixture(string projectPath) : IAsyncLifetime
{
    // Publishes share the layers' obj folders (restore, RID-specific build): one at a time.
    private static readonly SemaphoreSlim PublishGate = new(1, 1);

    public string OutputDirectory { get; } = Directory.CreateTempSubdirectory("aot-").FullName;

    // The IL compiler's own intermediate folder, fresh for each run: an up-to-date publish
    // (a second test run, or one after `invoke` or `cdk synth`) skips the IlcCompile target,
    // and with it every trim/AOT warning, so "no warnings" would prove nothing. Pointing
    // NativeIntermediateOutputPath here makes ILC run (and warn) every time, while the
    // managed build stays incremental.
    private string NativeIntermediateDirectory { get; } = Directory.CreateTempSubdirectory("aot-ilc-").FullName;

    public string Binary => Path.Combine(OutputDirectory, "bootstrap");

    public string PublishLog { get; private set; } = string.Empty;

    public int PublishExitCode { get; private set; }

    public async Task InitializeAsync()
    {
        var project = Path.Combine(TestPaths.RepositoryRoot, projectPath);
        await PublishGate.WaitAsync();
        try
        {
            var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(
                "dotnet",
                ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", OutputDirectory, "-nologo", "-clp:NoSummary;ForceNoAlign", "-v:n",
                 "-p:NativeIntermediateOutputPath=" + NativeIntermediateDirectory + Path.DirectorySeparatorChar],
                TimeSpan.FromMinutes(15));
            PublishExitCode = exitCode;
            PublishLog = stdout + stderr;
        }
        finally
        {
            PublishGate.Release();
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(OutputDirectory, recursive: true);
        Directory.Delete(NativeIntermediateDirectory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The runtime layer's test function.</summary>
public sealed class TestFunctionPublish() : AotPublishFixture("tests/CrmMail.Aot.TestFunction/CrmMail.Aot.TestFunction.csproj");

/// <summary>functions/Unsubscribe.</summary>
public sealed class UnsubscribePublish() : AotPublishFixture("functions/Unsubscribe/Unsubscribe.csproj");

/// <summary>functions/AddContact.</summary>
public sealed class AddContactPublish() : AotPublishFixture("functions/AddContact/AddContact.csproj");

/// <summary>The Unsubscribe binary is published once for every class that runs it.</summary>
[CollectionDefinition(Name)]
public sealed class UnsubscribeBinaryCollection : ICollectionFixture<UnsubscribePublish>
{
    public const string Name = "Unsubscribe binary";
}

/// <summary>functions/SendMail.</summary>
public sealed class SendMailPublish() : AotPublishFixture("functions/SendMail/SendMail.csproj");

/// <summary>functions/MailtoUnsubscribe.</summary>
public sealed class MailtoUnsubscribePublish() : AotPublishFixture("functions/MailtoUnsubscribe/MailtoUnsubscribe.csproj");

/// <summary>functions/MailgunWebhook.</summary>
public sealed class MailgunWebhookPublish() : AotPublishFixture("functions/MailgunWebhook/MailgunWebhook.csproj");

/// <summary>functions/OutreachSend.</summary>
public sealed class OutreachSendPublish() : AotPublishFixture("functions/OutreachSend/OutreachSend.csproj");

/// <summary>functions/Gallery.</summary>
public sealed class GalleryPublish() : AotPublishFixture("functions/Gallery/Gallery.csproj");

/// <summary>functions/SesEvents.</summary>
public sealed class SesEventsPublish() : AotPublishFixture("functions/SesEvents/SesEvents.csproj");
/// <summary>functions/CampaignPlanner.</summary>
public sealed class CampaignPlannerPublish() : AotPublishFixture("functions/CampaignPlanner/CampaignPlanner.csproj");

/// <summary>functions/CampaignSender.</summary>
public sealed class CampaignSenderPublish() : AotPublishFixture("functions/CampaignSender/CampaignSender.csproj");

/// <summary>functions/OutreachStats.</summary>
public sealed class OutreachStatsPublish() : AotPublishFixture("functions/OutreachStats/OutreachStats.csproj");
/// <summary>functions/Campaigns.</summary>
public sealed class CampaignsPublish() : AotPublishFixture("functions/Campaigns/Campaigns.csproj");
