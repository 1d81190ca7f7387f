namespace CrmMail.Infra.Tests;

/// <summary>The gallery in the synthesized stack: its membership table, its least-privilege role and its routes.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class GalleryStackTests(StackFixture fixture)
{
    private readonly TemplateJson _template = TemplateJson.Load(fixture.TemplatePath);

    // Rule: the membership table is keyed (uid, spaceId), encrypted, point-in-time recoverable, deletion-protected and retained.
    [Fact]
    public void MembershipTable_KeyedByUidAndSpace_EncryptedPitrRetained()
    {
        var id = TemplateJson.References(_template.Environment("Gallery")["SPACE_MEMBERS_TABLE"]).Single();
        var table = _template.Root.GetProperty("Resources").GetProperty(id);
        var properties = table.GetProperty("Properties");

        var keys = properties.GetProperty("KeySchema").EnumerateArray().Select(k => k.GetProperty("AttributeName").GetString() + ":" + k.GetProperty("KeyType").GetString()).ToList();
        Assert.Equal(["uid:HASH", "spaceId:RANGE"], keys);
        Assert.True(properties.GetProperty("SSESpecification").GetProperty("SSEEnabled").GetBoolean());
        Assert.True(properties.GetProperty("PointInTimeRecoverySpecification").GetProperty("PointInTimeRecoveryEnabled").GetBoolean());
        Assert.True(properties.GetProperty("DeletionProtectionEnabled").GetBoolean());
        Assert.Equal("Retain", table.GetProperty("DeletionPolicy").GetString());
    }

    // Rule: the gallery may list the bucket only under spaces/ (s3:prefix condition), and reads no object and writes nothing.
    [Fact]
    public void GalleryRole_ListsOnlyUnderSpacesAndWritesNothing()
    {
        var statements = _template.Statements("Gallery").ToList();
        var list = statements.Single(s => TemplateJson.Strings(s.GetProperty("Action")).Contains("s3:ListBucket"));
        Assert.Equal("spaces/*", list.GetProperty("Condition").GetProperty("StringLike").GetProperty("s3:prefix").GetString());
        var actions = statements.SelectMany(s => TemplateJson.Strings(s.GetProperty("Action"))).Where(a => !a.StartsWith("xray:", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(["dynamodb:GetItem", "kms:Decrypt", "s3:ListBucket", "secretsmanager:GetSecretValue"], actions);
    }

    // Rule: the API has the gallery's routes from the route table, each integrated with the gallery function, without an API key.
    [Theory]
    [InlineData("images", "GET")]
    [InlineData("uploads", "POST")]
    public void Api_HasTheGalleryRoutes(string resource, string method)
    {
        var resources = _template.OfType("AWS::ApiGateway::Resource").ToDictionary(r => r.Id, r => r.Resource);
        var leaf = resources.Single(r => r.Value.GetProperty("Properties").GetProperty("PathPart").GetString() == resource
            && resources.TryGetValue(TemplateJson.References(r.Value.GetProperty("Properties").GetProperty("ParentId")).Single(), out var parent)
            && parent.GetProperty("Properties").GetProperty("PathPart").GetString() == "{spaceId}").Key;
        var methods = _template.OfType("AWS::ApiGateway::Method").Where(m => TemplateJson.References(m.Resource.GetProperty("Properties").GetProperty("ResourceId")).SequenceEqual([leaf])).ToList();
        var verb = methods.Single(m => m.Resource.GetProperty("Properties").GetProperty("HttpMethod").GetString() == method).Resource.GetProperty("Properties");
        Assert.False(verb.TryGetProperty("ApiKeyRequired", out var required) && required.GetBoolean());
        Assert.Contains(_template.Function("Gallery").Id, verb.GetProperty("Integration").GetRawText(), StringComparison.Ordinal);
    }

    // Rule: the report distribution carries the gallery's signed uploads on spaces/* only, with the
    // upload guard on viewer requests, and the bucket lets the distribution put objects under spaces/ only.
    [Fact]
    public void Distribution_UploadBehaviourOnSpacesWithTheGuard_BucketPutsOnlyUnderSpaces()
    {
        var distribution = _template.OfType("AWS::CloudFront::Distribution").Single().Resource.GetProperty("Properties").GetProperty("DistributionConfig");
        var behaviour = Assert.Single(TemplateJson.Elements(distribution.GetProperty("CacheBehaviors")));
        Assert.Equal("spaces/*", behaviour.GetProperty("PathPattern").GetString());
        Assert.Contains("PUT", TemplateJson.Strings(behaviour.GetProperty("AllowedMethods")));
        Assert.NotEmpty(TemplateJson.Elements(behaviour.GetProperty("TrustedKeyGroups")));
        var association = Assert.Single(TemplateJson.Elements(behaviour.GetProperty("FunctionAssociations")));
        Assert.Equal("viewer-request", association.GetProperty("EventType").GetString());
        var guard = _template.OfType("AWS::CloudFront::Function").Single();
        Assert.Contains(guard.Id, association.GetProperty("FunctionARN").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Content-Length", guard.Resource.GetProperty("Properties").GetProperty("FunctionCode").GetString(), StringComparison.OrdinalIgnoreCase);

        var puts = _template.OfType("AWS::S3::BucketPolicy")
            .SelectMany(p => TemplateJson.Elements(p.Resource.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement")))
            .Where(s => TemplateJson.Strings(s.GetProperty("Action")).Contains("s3:PutObject"))
            .ToList();
        var put = Assert.Single(puts);
        var resource = put.GetProperty("Resource").GetRawText();
        Assert.Contains("/spaces/*\"", resource, StringComparison.Ordinal);
        Assert.DoesNotContain("\"/*\"", resource, StringComparison.Ordinal);
    }
}
