using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using CrmMail.Aws.Gallery;
using CrmMail.Tests.Shared;

namespace CrmMail.Cli.Tests.Commands;

/// <summary><c>crm-mail spaces</c> against moto's DynamoDB, through the real SDK client: the table the gallery function reads.</summary>
[Trait("Category", "Integration")]
public sealed class SpacesCommandDynamoDbTests : IAsyncLifetime
{
    private MotoServer _moto = null!;

    public async Task InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
        using var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey), new AmazonDynamoDBConfig { ServiceURL = _moto.Url.ToString(), AuthenticationRegion = MotoServer.Region });
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = "members",
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new(DynamoDbSpaceMembership.UidAttribute, ScalarAttributeType.S), new(DynamoDbSpaceMembership.SpaceAttribute, ScalarAttributeType.S)],
            KeySchema = [new(DynamoDbSpaceMembership.UidAttribute, KeyType.HASH), new(DynamoDbSpaceMembership.SpaceAttribute, KeyType.RANGE)],
        });
    }

    public async Task DisposeAsync() => await _moto.DisposeAsync();

    private string[] Aws => ["--table", "members", "--endpoint-url", _moto.Url.ToString(), "--region", MotoServer.Region];

    // Rule: grant writes one (uid, spaceId) item; list UID is that uid's items; list alone is every item; revoke deletes it.
    [Fact]
    public async Task GrantListRevoke_DynamoDb_OneItemPerMembership()
    {
        Assert.Equal(0, (await SignUrlCommandTests.Run(["spaces", "grant", "uid-1", "demo-a", .. Aws])).ExitCode);
        Assert.Equal(0, (await SignUrlCommandTests.Run(["spaces", "grant", "uid-1", "demo-b", .. Aws])).ExitCode);
        Assert.Equal(0, (await SignUrlCommandTests.Run(["spaces", "grant", "uid-2", "demo-a", .. Aws])).ExitCode);

        var (_, one, _) = await SignUrlCommandTests.Run(["spaces", "list", "uid-1", .. Aws]);
        var (_, all, _) = await SignUrlCommandTests.Run(["spaces", "list", .. Aws]);
        Assert.Equal("uid-1\tdemo-a\nuid-1\tdemo-b\n", one.ReplaceLineEndings("\n"));
        Assert.Equal("uid-1\tdemo-a\nuid-1\tdemo-b\nuid-2\tdemo-a\n", all.ReplaceLineEndings("\n"));

        Assert.Equal(0, (await SignUrlCommandTests.Run(["spaces", "revoke", "uid-1", "demo-a", .. Aws])).ExitCode);
        var (code, items, stderr) = await _moto.Boto3Async("dynamodb", "print(json.dumps(sorted([i['uid']['S'] + ':' + i['spaceId']['S'] for i in c.scan(TableName='members')['Items']])))");
        Assert.True(code == 0, stderr);
        Assert.Equal("[\"uid-1:demo-b\", \"uid-2:demo-a\"]", items.Trim());
    }
}
