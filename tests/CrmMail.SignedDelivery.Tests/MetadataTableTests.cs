namespace CrmMail.SignedDelivery.Tests;

public sealed class MetadataTableTests
{
    // Rule: the metadata table is on-demand, has point-in-time recovery, is encrypted and retained.
    [Fact]
    public void Table_HasPitrEncryptionOnDemandAndIsRetained()
    {
        var template = Synth.Template(stack => _ = new MetadataTable(stack, "Metadata", new MetadataTableProps { SortKey = "version" }));

        var table = template.OfType("AWS::DynamoDB::Table").Single().Resource;
        var props = table.Props();
        Assert.Equal("Retain", table.GetProperty("DeletionPolicy").GetString());
        Assert.Equal("PAY_PER_REQUEST", props.GetProperty("BillingMode").GetString());
        Assert.True(props.GetProperty("PointInTimeRecoverySpecification").GetProperty("PointInTimeRecoveryEnabled").GetBoolean());
        Assert.True(props.GetProperty("SSESpecification").GetProperty("SSEEnabled").GetBoolean());
        Assert.Equal("""[{"AttributeName":"key","KeyType":"HASH"},{"AttributeName":"version","KeyType":"RANGE"}]""", props.GetProperty("KeySchema").GetRawText());
    }
}
