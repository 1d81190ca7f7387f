using Amazon.CDK.AWS.IAM;
using Constructs;

namespace CrmMail.SignedDelivery;

/// <summary>
/// The role a team's application assumes to sign URLs: it may read the private key's secret
/// (secretsmanager:GetSecretValue on that secret, and kms:Decrypt through Secrets Manager when
/// the secret has its own key) and optionally use the metadata table; nothing else, and no
/// managed policy.
/// </summary>
public sealed class IntegrationRole : Construct
{
    private static readonly string[] ReadActions = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"];
    private static readonly string[] WriteActions = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"];

    /// <summary>Creates the role and its one inline policy.</summary>
    public IntegrationRole(Construct scope, string id, IntegrationRoleProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var statements = new List<PolicyStatement>
        {
            new(new PolicyStatementProps { Sid = "ReadPrivateKey", Actions = ["secretsmanager:GetSecretValue"], Resources = [props.PrivateKeySecretArn] }),
        };
        if (props.SecretEncryptionKey is { } key)
        {
            statements.Add(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "DecryptPrivateKey",
                Actions = ["kms:Decrypt"],
                Resources = [key.KeyArn],
                Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"secretsmanager.{Amazon.CDK.Aws.REGION}.amazonaws.com" } },
            }));
        }

        if (props.MetadataTable is { } table)
        {
            statements.Add(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "UseMetadataTable",
                Actions = props.MetadataAccess == MetadataAccess.Read ? ReadActions : [.. ReadActions, .. WriteActions],
                Resources = [table.TableArn],
            }));
        }

        Role = new Role(this, "Default", new RoleProps
        {
            RoleName = props.RoleName,
            AssumedBy = props.AssumedBy,
            MaxSessionDuration = props.MaxSessionDuration,
            Description = "Signs CloudFront URLs: reads the private key secret" + (props.MetadataTable is null ? string.Empty : " and uses the metadata table"),
            InlinePolicies = new Dictionary<string, PolicyDocument> { ["SignedDelivery"] = new(new PolicyDocumentProps { Statements = statements.ToArray() }) },
        });
    }

    /// <summary>The role.</summary>
    public Role Role { get; }

    /// <summary>The role's ARN (what the application assumes).</summary>
    public string RoleArn => Role.RoleArn;
}
