using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;

namespace SignedDeliveryExample;

/// <summary>What the example stack is told: who the application is, where uploads go, the key-pair handler's code.</summary>
public sealed class ExampleStackProps : StackProps
{
    /// <summary>The role the team's application runs as; it assumes the integration role.</summary>
    public required string ApplicationRoleArn { get; set; }

    /// <summary>The upload behaviour's path pattern (<c>prefix/*</c>).</summary>
    public required string UploadPathPattern { get; set; }

    /// <summary>The key-pair custom resource's <c>bootstrap</c>.</summary>
    public required Code KeyPairHandlerCode { get; set; }
}
