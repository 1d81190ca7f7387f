namespace CrmMail.Functions.CloudFrontKeyPair;

/// <summary>
/// The answer PUT to <see cref="CustomResourceRequest.ResponseURL"/>
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html).
/// <see cref="Data"/> holds the attributes <c>Fn::GetAtt</c> reads; never a private key.
/// </summary>
internal sealed record CustomResourceResponse
{
    /// <summary>SUCCESS or FAILED.</summary>
    public required string Status { get; init; }

    /// <summary>Why it failed (shown in the stack's events); required with FAILED.</summary>
    public string? Reason { get; init; }

    /// <summary>The resource's id: a new one on Update means "replaced", and CloudFormation then deletes the old one.</summary>
    public required string PhysicalResourceId { get; init; }

    /// <summary>Copied from the request.</summary>
    public required string StackId { get; init; }

    /// <summary>Copied from the request.</summary>
    public required string RequestId { get; init; }

    /// <summary>Copied from the request.</summary>
    public required string LogicalResourceId { get; init; }

    /// <summary>False: the attributes are a public key and an ARN, which the console may show.</summary>
    public bool NoEcho { get; init; }

    /// <summary>The attributes (<c>Fn::GetAtt</c>).</summary>
    public Dictionary<string, string>? Data { get; init; }

    /// <summary>A success with <paramref name="physicalResourceId"/> and <paramref name="data"/>.</summary>
    public static CustomResourceResponse Success(CustomResourceRequest request, string physicalResourceId, Dictionary<string, string>? data = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new() { Status = "SUCCESS", PhysicalResourceId = physicalResourceId, StackId = request.StackId, RequestId = request.RequestId, LogicalResourceId = request.LogicalResourceId, Data = data };
    }

    /// <summary>
    /// A failure. The physical id is the request's when it has one (an Update or Delete that failed
    /// keeps the resource it was about), else one that names no secret, so the rollback's Delete
    /// of a failed Create touches nothing.
    /// </summary>
    public static CustomResourceResponse Failed(CustomResourceRequest request, string reason)
    {
        ArgumentNullException.ThrowIfNull(request);
        var physicalResourceId = string.IsNullOrEmpty(request.PhysicalResourceId) ? KeyPairHandler.FailedCreateId(request) : request.PhysicalResourceId;
        return new() { Status = "FAILED", Reason = reason, PhysicalResourceId = physicalResourceId, StackId = request.StackId, RequestId = request.RequestId, LogicalResourceId = request.LogicalResourceId };
    }
}
