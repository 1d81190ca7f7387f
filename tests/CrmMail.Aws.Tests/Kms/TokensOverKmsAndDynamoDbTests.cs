using Amazon.DynamoDBv2.Model;
using Amazon.KeyManagementService.Model;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Kms;
using CrmMail.Signing.Tokens;

namespace CrmMail.Aws.Tests.Kms;

/// <summary>Unsubscribe tokens with the real adapters: KMS (GenerateDataKey/Decrypt) and the DynamoDB key registry in moto.</summary>
[Trait("Category", "Integration")]
public sealed class TokensOverKmsAndDynamoDbTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private readonly string _alias = "alias/dn-unsubscribe-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _table = "token-keys-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        using var kms = fixture.Kms();
        var key = await kms.CreateKeyAsync(new CreateKeyRequest { Description = "test" });
        await kms.CreateAliasAsync(new CreateAliasRequest { AliasName = _alias, TargetKeyId = key.KeyMetadata.KeyId });
        using var dynamo = fixture.DynamoDb();
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = _table,
            AttributeDefinitions = [new AttributeDefinition("keyId", "S")],
            KeySchema = [new KeySchemaElement("keyId", "HASH")],
            BillingMode = "PAY_PER_REQUEST",
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private (UnsubscribeTokenService Service, CountingWrapper Wrapper) Container()
    {
        var wrapper = new CountingWrapper(new KmsKeyWrapper(fixture.Kms(), _alias));
        var provider = new EnvelopeDataKeyProvider(wrapper, new DynamoDbWrappedKeyStore(fixture.DynamoDb(), _table, TimeProvider.System), TimeProvider.System, TokenOptions.Default);
        return (new UnsubscribeTokenService(provider, TimeProvider.System, TokenOptions.Default), wrapper);
    }

    [Fact]
    public async Task Seal_ManyTokensInOneContainer_OneKmsCallAndOpensInAnother()
    {
        var (sealer, sealerKms) = Container();
        var tokens = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            tokens.Add(await sealer.SealAsync($"u{i}@example.com", "financial", TokenPurpose.Unsubscribe, default));
        }

        var (opener, openerKms) = Container();
        var opened = await opener.OpenAsync(tokens[^1], TokenPurpose.Unsubscribe, default);
        var openedAgain = await opener.OpenAsync(tokens[0], TokenPurpose.Unsubscribe, default);

        Assert.Equal(1, sealerKms.Generate);
        Assert.True(opened.IsValid);
        Assert.Equal("u499@example.com", opened.Payload.Email);
        Assert.True(openedAgain.IsValid);
        Assert.Equal(1, openerKms.Unwrap);
    }

    [Fact]
    public async Task Open_RegistryRowWithAnotherPurposesContext_DoesNotOpen()
    {
        var (sealer, _) = Container();
        var token = await sealer.SealAsync("a@example.com", "outreach", TokenPurpose.Resubscribe, default);
        var id = Convert.ToHexStringLower(System.Buffers.Text.Base64Url.DecodeFromChars(token).AsSpan(1, 8));
        using var dynamo = fixture.DynamoDb();
        // An attacker with table write access relabels the key: KMS refuses the changed context.
        await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = _table,
            Key = new() { ["keyId"] = new AttributeValue { S = id } },
            UpdateExpression = "SET purpose = :p",
            ExpressionAttributeValues = new() { [":p"] = new AttributeValue { S = "unsubscribe" } },
        });

        var (opener, _) = Container();
        var result = await opener.OpenAsync(token, TokenPurpose.Unsubscribe, default);

        Assert.Equal(TokenRejection.UnknownKey, result.Rejection);
    }

    private sealed class CountingWrapper(IKeyWrapper inner) : IKeyWrapper
    {
        public int Generate;
        public int Unwrap;

        public Task<(byte[] Plaintext, byte[] Wrapped)> GenerateAsync(TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Generate);
            return inner.GenerateAsync(purpose, keyIdHex, cancellationToken);
        }

        public Task<byte[]?> UnwrapAsync(byte[] wrapped, TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Unwrap);
            return inner.UnwrapAsync(wrapped, purpose, keyIdHex, cancellationToken);
        }
    }
}
