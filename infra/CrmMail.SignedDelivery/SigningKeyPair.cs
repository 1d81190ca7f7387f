using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace CrmMail.SignedDelivery;

/// <summary>
/// A CloudFront key pair generated inside AWS at deploy time: a custom resource
/// (<c>Custom::CloudFrontKeyPair</c>, backed by this repository's Native-AOT
/// functions/CloudFrontKeyPair) makes the pair and a Secrets Manager secret holding the private
/// key, and answers only the public key, which a CloudFront public key (its EncodedKey) and key
/// group take. A second resource (<c>Custom::CloudFrontKeyPairBinding</c>) then writes the id
/// CloudFront gave the key into the secret, so it reads <c>{"keyPairId","privateKey"}</c> as the
/// suite's signer expects. The private key is never on a deployer's machine nor in the template.
/// Rotation adds a second pair (README, "SigningKeyPair").
/// </summary>
public sealed partial class SigningKeyPair : Construct
{
    private const string HandlerId = "CloudFrontKeyPairHandler";

    /// <summary>Creates the pair, its public key and key group (and the stack's handler on first use).</summary>
    public SigningKeyPair(Construct scope, string id, SigningKeyPairProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (props.AlsoTrusted.Count > 4)
        {
            throw new ArgumentException("A key group holds at most 5 public keys: this pair's and 4 others.", nameof(props));
        }

        var stack = Stack.Of(this);
        var prefix = props.SecretNamePrefix ?? stack.StackName + "/" + string.Join('-', Node.Scopes.SkipWhile(s => s != stack).Skip(1).Select(s => s.Node.Id));
        if (!SecretNamePattern().IsMatch(prefix))
        {
            throw new ArgumentException($"SecretNamePrefix '{prefix}' must be 1 to 400 of A-Z a-z 0-9 / _ + = . @ -.", nameof(props));
        }

        var handler = stack.Node.TryFindChild(HandlerId) as KeyPairHandler ?? new KeyPairHandler(stack, HandlerId, props.HandlerCode);
        var secretsResource = stack.FormatArn(new ArnComponents { Service = "secretsmanager", Resource = "secret", ResourceName = prefix + "-*", ArnFormat = ArnFormat.COLON_RESOURCE_NAME });
        handler.Allow(prefix, secretsResource, props.EncryptionKey);

        var properties = new Dictionary<string, object>
        {
            ["SecretNamePrefix"] = prefix,
            ["KeyType"] = props.KeyType == KeyPairType.EcdsaP256 ? "ECDSA_P256" : "RSA_2048",
        };
        if (props.EncryptionKey is { } key)
        {
            properties["KmsKeyId"] = key.KeyArn;
        }

        var pair = new CustomResource(this, "Default", new CustomResourceProps
        {
            ServiceToken = handler.Function.FunctionArn,
            ResourceType = "Custom::CloudFrontKeyPair",
            Properties = properties,
            // The secret is scheduled for deletion by the handler (7-day recovery window).
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        // The handler's permissions first, including statements a later pair added to the shared role.
        pair.Node.AddDependency(handler.Role);

        var publicKey = new CfnPublicKey(this, "PublicKey", new CfnPublicKeyProps
        {
            PublicKeyConfig = new CfnPublicKey.PublicKeyConfigProperty
            {
                // From the secret's name: a replaced pair gets a new name, so the old key can live
                // until CloudFormation deletes it.
                Name = pair.GetAttString("KeyName"),
                CallerReference = pair.GetAttString("KeyName"),
                EncodedKey = pair.GetAttString("PublicKeyPem"),
                Comment = "Generated in AWS by " + Node.Path,
            },
        });
        PublicKey = Amazon.CDK.AWS.CloudFront.PublicKey.FromPublicKeyId(this, "PublicKeyRef", publicKey.Ref);
        KeyGroup = new KeyGroup(this, "KeyGroup", new KeyGroupProps { Items = [PublicKey, .. props.AlsoTrusted], Comment = props.KeyGroupComment });

        var binding = new CustomResource(this, "Binding", new CustomResourceProps
        {
            ServiceToken = handler.Function.FunctionArn,
            ResourceType = "Custom::CloudFrontKeyPairBinding",
            Properties = new Dictionary<string, object> { ["SecretArn"] = pair.GetAttString("SecretArn"), ["KeyPairId"] = publicKey.Ref },
        });
        binding.Node.AddDependency(handler.Role);

        // From the binding: whatever reads the secret by this ARN comes after keyPairId is in it.
        SecretArn = binding.GetAttString("SecretArn");
        Secret = Amazon.CDK.AWS.SecretsManager.Secret.FromSecretCompleteArn(this, "SecretRef", SecretArn);
        PublicKeyId = publicKey.Ref;
    }

    /// <summary>The id CloudFront gave the public key (the <c>Key-Pair-Id</c> of signed URLs).</summary>
    public string PublicKeyId { get; }

    /// <summary>The public key (for another pair's <see cref="SigningKeyPairProps.AlsoTrusted"/> during a rotation).</summary>
    public IPublicKey PublicKey { get; }

    /// <summary>The key group: this pair's key and <see cref="SigningKeyPairProps.AlsoTrusted"/>.</summary>
    public KeyGroup KeyGroup { get; }

    /// <summary>The key group's id.</summary>
    public string KeyGroupId => KeyGroup.KeyGroupId;

    /// <summary>The complete ARN of the secret holding <c>{"keyPairId","privateKey"}</c>.</summary>
    public string SecretArn { get; }

    /// <summary>The secret.</summary>
    public ISecret Secret { get; }

    [GeneratedRegex(@"^[A-Za-z0-9/_+=.@-]{1,400}\z")]
    private static partial Regex SecretNamePattern();

    /// <summary>The stack's one handler function and its role; each pair adds its own secrets' statement.</summary>
    private sealed class KeyPairHandler : Construct
    {
        public KeyPairHandler(Construct scope, string id, Code code)
            : base(scope, id)
        {
            var logs = new LogGroup(this, "Logs", new LogGroupProps { Retention = RetentionDays.ONE_MONTH, RemovalPolicy = RemovalPolicy.RETAIN });
            Role = new Role(this, "Role", new RoleProps { AssumedBy = new ServicePrincipal("lambda.amazonaws.com"), Description = "CloudFront key-pair custom resource: its logs and its pairs' secrets only" });
            Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps { Sid = "OwnLogs", Actions = ["logs:CreateLogStream", "logs:PutLogEvents"], Resources = [logs.LogGroupArn] }));
            Function = new Amazon.CDK.AWS.Lambda.Function(this, "Function", new Amazon.CDK.AWS.Lambda.FunctionProps
            {
                Runtime = Runtime.PROVIDED_AL2023,
                Architecture = Architecture.X86_64,
                Handler = "bootstrap",
                Code = code,
                MemorySize = 256,
                // RSA generation and three Secrets Manager calls take seconds; the margin is for retries.
                Timeout = Duration.Minutes(2),
                LoggingFormat = LoggingFormat.JSON,
                LogGroup = logs,
                Role = Role,
                Description = "CloudFront key pairs made in AWS (CloudFormation custom resource)",
            });
        }

        public Role Role { get; }

        public Amazon.CDK.AWS.Lambda.Function Function { get; }

        private List<string> Prefixes { get; } = [];

        /// <summary>Lets the handler make, read, update and delete the secrets <c>PREFIX-*</c> (and use their KMS key through Secrets Manager).</summary>
        public void Allow(string prefix, string secretsResource, Amazon.CDK.AWS.KMS.IKey? key)
        {
            Prefixes.Add(prefix);
            Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["secretsmanager:CreateSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:DeleteSecret"],
                Resources = [secretsResource],
            }));
            if (key is not null)
            {
                Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["kms:GenerateDataKey", "kms:Decrypt"],
                    Resources = [key.KeyArn],
                    Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"secretsmanager.{Amazon.CDK.Aws.REGION}.amazonaws.com" } },
                }));
            }

            // The names are PREFIX-HASH, made at deploy time: the prefix is as narrow as a name can be.
            Nag.Suppress(Role.Node.FindChild("DefaultPolicy"), new Nag.Rule("AwsSolutions-IAM5", "The custom resource names each secret PREFIX-HASH at deploy time (and Secrets Manager appends a suffix): the grant is limited to its pairs' prefixes (" + string.Join(", ", Prefixes) + ").", "/^Resource::arn:.*:secretsmanager:.*:secret:.*-\\*$/"));
        }
    }
}
