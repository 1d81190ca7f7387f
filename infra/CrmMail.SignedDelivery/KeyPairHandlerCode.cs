using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;

namespace CrmMail.SignedDelivery;

/// <summary>
/// Where the Native-AOT <c>bootstrap</c> of the key-pair custom resource (this repository's
/// functions/CloudFrontKeyPair) comes from: published at synth time from its project, or a
/// folder that already holds it (a CI artifact).
/// </summary>
public static class KeyPairHandlerCode
{
    /// <summary><c>dotnet publish</c> (Native AOT, linux-x64) of <paramref name="projectPath"/> at synth time; no Docker.</summary>
    public static Code FromProject(string projectPath)
    {
        if (!File.Exists(projectPath))
        {
            throw new ArgumentException($"No project at '{projectPath}'.", nameof(projectPath));
        }

        return Code.FromAsset(Path.GetDirectoryName(Path.GetFullPath(projectPath))!, new Amazon.CDK.AWS.S3.Assets.AssetOptions
        {
            AssetHashType = AssetHashType.OUTPUT,
            Bundling = new BundlingOptions
            {
                // Never pulled: local bundling always succeeds or throws.
                Image = DockerImage.FromRegistry("public.ecr.aws/docker/library/busybox"),
                Local = new DotnetLocalBundling(projectPath),
            },
        });
    }

    /// <summary>A folder holding a published <c>bootstrap</c>.</summary>
    public static Code FromDirectory(string directory)
    {
        if (!File.Exists(Path.Combine(directory, "bootstrap")))
        {
            throw new ArgumentException($"No bootstrap in '{directory}'.", nameof(directory));
        }

        return Code.FromAsset(directory);
    }
}
