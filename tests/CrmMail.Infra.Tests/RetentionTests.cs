using System.Text.Json;

namespace CrmMail.Infra.Tests;

/// <summary>Nothing that holds opt-outs (or opens the links that make them) can be deleted with the stack.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class RetentionTests(StackFixture fixture)
{
    private readonly TemplateJson _template = TemplateJson.Load(fixture.TemplatePath);

    // Rule: the SES contact list (one per account, create-only name) survives deletion and replacement of the stack.
    [Fact]
    public void ContactList_IsRetainedOnDeleteAndReplace()
    {
        var list = _template.OfType("AWS::SES::ContactList").Single().Resource;
        Assert.Equal("Retain", list.GetProperty("DeletionPolicy").GetString());
        Assert.Equal("Retain", list.GetProperty("UpdateReplacePolicy").GetString());
    }

    // Rule: the audit table and the token-key registry have deletion protection and point-in-time recovery, and are retained.
    [Theory]
    [InlineData("AUDIT_TABLE")]
    [InlineData("TOKEN_KEYS_TABLE")]
    public void Table_HasDeletionProtectionPitrAndRetain(string variable)
    {
        var id = TemplateJson.References(_template.Environment("Unsubscribe")[variable]).Single();
        var table = _template.Root.GetProperty("Resources").GetProperty(id);
        var properties = table.GetProperty("Properties");
        Assert.True(properties.TryGetProperty("DeletionProtectionEnabled", out var protection) && protection.GetBoolean(), variable + " has no deletion protection");
        Assert.True(properties.GetProperty("PointInTimeRecoverySpecification").GetProperty("PointInTimeRecoveryEnabled").GetBoolean());
        Assert.Equal("Retain", table.GetProperty("DeletionPolicy").GetString());
    }
}
