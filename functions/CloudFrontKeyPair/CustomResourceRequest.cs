using System.Text.Json;

namespace CrmMail.Functions.CloudFrontKeyPair;

/// <summary>
/// A CloudFormation custom resource request, as CloudFormation sends it to the function
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html).
/// <see cref="PhysicalResourceId"/> is set on Update and Delete, <see cref="OldResourceProperties"/> on Update.
/// </summary>
internal sealed record CustomResourceRequest
{
    /// <summary>Create, Update or Delete.</summary>
    public string RequestType { get; init; } = string.Empty;

    /// <summary>The presigned S3 URL the answer is PUT to.</summary>
    public string ResponseURL { get; init; } = string.Empty;

    /// <summary>The stack's ARN.</summary>
    public string StackId { get; init; } = string.Empty;

    /// <summary>Unique per request; CloudFormation may deliver a request more than once.</summary>
    public string RequestId { get; init; } = string.Empty;

    /// <summary>The template's type name, for example <c>Custom::CloudFrontKeyPair</c>.</summary>
    public string ResourceType { get; init; } = string.Empty;

    /// <summary>The resource's logical id in the template.</summary>
    public string LogicalResourceId { get; init; } = string.Empty;

    /// <summary>The id this function answered at Create (or at the last replacing Update).</summary>
    public string? PhysicalResourceId { get; init; }

    /// <summary>The resource's properties (CloudFormation turns scalars into strings).</summary>
    public Dictionary<string, JsonElement>? ResourceProperties { get; init; }

    /// <summary>The properties before this Update.</summary>
    public Dictionary<string, JsonElement>? OldResourceProperties { get; init; }
}
