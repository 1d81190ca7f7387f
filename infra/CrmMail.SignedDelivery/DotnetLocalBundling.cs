using System.Diagnostics;
using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;

namespace CrmMail.SignedDelivery;

/// <summary>
/// Local bundling: <c>dotnet publish</c> of a function (Native AOT, linux-x64) straight into the
/// asset folder, so <c>cdk synth</c> on a clean clone builds every function without Docker.
/// Only <c>bootstrap</c> is kept: it is the whole deployment package.
/// </summary>
public sealed class DotnetLocalBundling(string projectPath) : DeputyBase, ILocalBundling
{
    /// <summary>Publishes the project and copies its <c>bootstrap</c> into <paramref name="outputDir"/>.</summary>
    public bool TryBundle(string outputDir, IBundlingOptions options)
    {
        var publishDir = Path.Combine(Path.GetTempPath(), "crm-mail-publish-" + Path.GetFileNameWithoutExtension(projectPath));
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var argument in new[] { "publish", projectPath, "-c", "Release", "-r", "linux-x64", "-o", publishDir, "-nologo" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {projectPath} failed with exit code {process.ExitCode}.");
        }

        File.Copy(Path.Combine(publishDir, "bootstrap"), Path.Combine(outputDir, "bootstrap"), overwrite: true);
        return true;
    }
}
