namespace CrmMail.Aws.Iam;

/// <summary>One IAM action an adapter call needs, and the kind of resource it applies to.</summary>
/// <param name="Action">The IAM action, e.g. <c>dynamodb:PutItem</c>.</param>
/// <param name="Resource">The kind of resource the action is granted on.</param>
public sealed record IamRequirement(string Action, IamResourceKind Resource);
