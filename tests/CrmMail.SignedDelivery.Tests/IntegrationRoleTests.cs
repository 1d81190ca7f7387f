using System.Text.Json;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;

namespace CrmMail.SignedDelivery.Tests;

public sealed class IntegrationRoleTests
{
    private const string SecretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:files/key-AbCdEf";
    private const string AppRole = "arn:aws:iam::123456789012:role/files-api";

    // Rule: without a table the role may do exactly one thing, GetSecretValue on the private key's secret; only the application's role may assume it; no managed policy.
    [Fact]
    public void Role_WithoutTable_MayOnlyReadTheSecret()
    {
        var role = Build(table: false, MetadataAccess.ReadWrite, key: false);

        Assert.Equal(["secretsmanager:GetSecretValue"], Allowed(role).Single().Actions);
        Assert.Equal([SecretArn], Allowed(role).Single().Resources);
        var trust = role.Props().GetProperty("AssumeRolePolicyDocument").Statements().Single();
        Assert.Equal("sts:AssumeRole", trust.GetProperty("Action").GetString());
        Assert.Equal(AppRole, trust.GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.False(role.Props().TryGetProperty("ManagedPolicyArns", out _));
    }

    // Rule: with the metadata table, the role adds exactly the table's item actions on that table (read: 3, read-write: 6), and kms:Decrypt through Secrets Manager only when the secret has its own key.
    [Theory]
    [InlineData(MetadataAccess.Read, new[] { "dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query" })]
    [InlineData(MetadataAccess.ReadWrite, new[] { "dynamodb:BatchGetItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem" })]
    public void Role_WithTableAndKey_AddsExactlyTheTablesItemActionsAndDecryptViaSecretsManager(MetadataAccess access, string[] tableActions)
    {
        var role = Build(table: true, access, key: true);

        var statements = Allowed(role).ToDictionary(s => s.Sid);
        Assert.Equal(["DecryptPrivateKey", "ReadPrivateKey", "UseMetadataTable"], statements.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(tableActions, statements["UseMetadataTable"].Actions.Order(StringComparer.Ordinal));
        Assert.StartsWith("{\"Fn::GetAtt\":[\"Metadata", Assert.Single(statements["UseMetadataTable"].Resources), StringComparison.Ordinal);
        Assert.Equal(["kms:Decrypt"], statements["DecryptPrivateKey"].Actions);
        Assert.Contains("secretsmanager.", statements["DecryptPrivateKey"].Condition, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Sid, string[] Actions, string[] Resources, string Condition)> Allowed(JsonElement role)
        => role.Props().GetProperty("Policies").EnumerateArray().SelectMany(p => p.GetProperty("PolicyDocument").Statements())
            .Select(s =>
            {
                Assert.Equal("Allow", s.GetProperty("Effect").GetString());
                return (s.GetProperty("Sid").GetString()!, s.GetProperty("Action").Strings(), s.GetProperty("Resource").Strings(), s.TryGetProperty("Condition", out var c) ? c.GetRawText() : string.Empty);
            });

    private static JsonElement Build(bool table, MetadataAccess access, bool key)
    {
        var template = Synth.Template(stack =>
        {
            var metadata = table ? new MetadataTable(stack, "Metadata") : null;
            _ = new IntegrationRole(stack, "Integration", new IntegrationRoleProps
            {
                AssumedBy = new ArnPrincipal(AppRole),
                PrivateKeySecretArn = SecretArn,
                MetadataTable = metadata?.Table,
                MetadataAccess = access,
                SecretEncryptionKey = key ? new Key(stack, "SecretKey") : null,
            });
        });
        Assert.Empty(template.OfType("AWS::IAM::Policy"));
        return template.OfType("AWS::IAM::Role").Single().Resource;
    }
}
