using System.CommandLine;
using System.Text.Json;
using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Kms;
using CrmMail.Kernel;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Settings;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail token seal|open</c>: the same tokens the functions use, through KMS and the
/// DynamoDB key registry. Flags: <c>--endpoint-url</c>, <c>--region</c>, <c>--key-id</c>
/// (default alias/dn-unsubscribe), <c>--keys-table</c> (default: the functions' token key registry variable);
/// credentials from the usual AWS environment variables.
/// </summary>
internal static class TokenCommand
{
    public const int Rejected = 1;

    public static Command Create(CliContext cli)
    {
        var email = CliOptions.Required("--email", "the contact's address");
        var topic = CliOptions.Required("--topic", "the topic the token unsubscribes from");
        topic.AcceptOnlyFromAmong([.. Topics.All]);
        var sealPurpose = Purpose();
        var sealAws = new AwsOptions();
        var seal = new Command("seal", "seal a token for an address and a topic; prints the token") { email, topic, sealPurpose };
        sealAws.AddTo(seal);
        seal.SetAction((parse, cancellationToken) => SealAsync(
            parse.GetRequiredValue(email), parse.GetRequiredValue(topic), ParsePurpose(parse.GetRequiredValue(sealPurpose)), sealAws.Read(parse), cli, cancellationToken));

        var token = new Argument<string>("TOKEN") { Description = "the token (as in an unsubscribe link's token= parameter)" };
        var openPurpose = Purpose();
        var openAws = new AwsOptions();
        var open = new Command("open", "open a token; prints its payload as JSON, or exits 1 when rejected") { token, openPurpose };
        openAws.AddTo(open);
        open.SetAction((parse, cancellationToken) => OpenAsync(
            parse.GetRequiredValue(token), ParsePurpose(parse.GetRequiredValue(openPurpose)), openAws.Read(parse), cli, cancellationToken));

        return new Command("token", "seal or open unsubscribe/resubscribe tokens with the deployed (or a local) KMS key") { seal, open };
    }

    private static Option<string> Purpose() => CliOptions.OneOf("--purpose", "what the token may do", "unsubscribe", "unsubscribe", "resubscribe");

    private static async Task<int> SealAsync(string email, string topic, TokenPurpose purpose, AwsSettings aws, CliContext cli, CancellationToken cancellationToken)
    {
        // Checked before any AWS call, with the rules the functions apply to a contact.
        if (!EmailAddress.IsPlausible(email.Trim()))
        {
            throw new CliUsageException($"--email '{email}' is not an email address");
        }

        var tokens = Tokens(aws, cli.Time);
        try
        {
            await cli.Out.WriteLineAsync(await tokens.SealAsync(EmailAddress.Normalize(email), topic, purpose, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            throw new CliUsageException(exception.Message.Split(" (Parameter", 2)[0]);
        }

        return CliApp.Ok;
    }

    private static async Task<int> OpenAsync(string token, TokenPurpose purpose, AwsSettings aws, CliContext cli, CancellationToken cancellationToken)
    {
        var tokens = Tokens(aws, cli.Time);
        var result = await tokens.OpenAsync(token, purpose, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            await cli.Error.WriteLineAsync("crm-mail: token rejected: " + result.Rejection).ConfigureAwait(false);
            return Rejected;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("email", result.Payload.Email);
            writer.WriteString("topic", result.Payload.Topic);
            writer.WriteString("issuedAt", result.Payload.IssuedAt);
            writer.WriteString("purpose", result.Payload.Purpose == TokenPurpose.Resubscribe ? "resubscribe" : "unsubscribe");
            writer.WriteEndObject();
        }

        await cli.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
        return CliApp.Ok;
    }

    private static TokenPurpose ParsePurpose(string value) => value == "resubscribe" ? TokenPurpose.Resubscribe : TokenPurpose.Unsubscribe;

    private static UnsubscribeTokenService Tokens(AwsSettings aws, TimeProvider timeProvider)
    {
        var table = aws.KeysTable ?? Environment.GetEnvironmentVariable(Catalogue.TokenKeysTable.Name)
            ?? throw new CliUsageException($"--keys-table (or {Catalogue.TokenKeysTable.Name}) is required");
        var provider = new EnvelopeDataKeyProvider(
            new KmsKeyWrapper(AwsClients.Kms(aws.Region, aws.Endpoint), aws.KeyId),
            new DynamoDbWrappedKeyStore(AwsClients.DynamoDb(aws.Region, aws.Endpoint), table, timeProvider),
            timeProvider,
            TokenOptions.Default);
        return new UnsubscribeTokenService(provider, timeProvider, TokenOptions.Default);
    }

    /// <summary>The AWS flags seal and open share.</summary>
    private sealed class AwsOptions
    {
        private readonly Option<string> _endpoint = CliOptions.Optional("--endpoint-url", "an AWS endpoint (moto, LocalStack) instead of the region's");
        private readonly Option<string> _region = CliOptions.Optional("--region", $"the region (default ${Catalogue.AwsRegion.Name}, ${Catalogue.AwsDefaultRegion.Name}, {Catalogue.AwsDefaultRegion.Default})");
        private readonly Option<string> _keyId = new("--key-id") { Description = "the KMS key id or alias", DefaultValueFactory = _ => "alias/dn-unsubscribe" };
        private readonly Option<string> _keysTable = CliOptions.Optional("--keys-table", $"the token key registry table (default ${Catalogue.TokenKeysTable.Name})");

        public void AddTo(Command command)
        {
            command.Add(_endpoint);
            command.Add(_region);
            command.Add(_keyId);
            command.Add(_keysTable);
        }

        public AwsSettings Read(ParseResult parse) => new(
            CliAws.Region(parse.GetValue(_region)),
            CliAws.Endpoint("--endpoint-url", parse.GetValue(_endpoint)),
            parse.GetRequiredValue(_keyId),
            parse.GetValue(_keysTable));
    }

    private sealed record AwsSettings(string Region, Uri? Endpoint, string KeyId, string? KeysTable);
}
