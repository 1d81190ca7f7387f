namespace CrmMail.Aws.Iam;

/// <summary>One IAM action an adapter call needs, and the kind of resource it applies to.</summary>
/// <param name="Action">The IAM action, e.g. <c>dynamodb:PutItem</c>.</param>
/// <param name="Resource">The kind of resource the action is granted on.</param>
/// <param name="KeyPrefix">
/// For <see cref="IamResourceKind.BucketObjects"/>: the key prefix the adapter's objects all sit
/// under (the grant is on <c>BUCKET/PREFIX*</c>); null when the adapter reads keys chosen elsewhere (<c>BUCKET/*</c>).
/// </param>
public sealed record IamRequirement(string Action, IamResourceKind Resource, string? KeyPrefix = null);
