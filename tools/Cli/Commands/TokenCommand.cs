using System.Text.Json;
using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Kms;
using CrmMail.Signing;
using CrmMail.Signing.Tokens;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail token seal|open</c>: the same tokens the functions use, through KMS and the
/// DynamoDB key registry. Flags: <c>--endpoint-url</c>, <c>--region</c>, <c>--key-id</c>
/// (default alias/dn-unsubscribe), <c>--keys-table</c> (default $TOKEN_KEYS_TABLE);
/// credentials from the usual AWS environment variables.
/// </summary>
internal static class TokenCommand
{
    public const int Rejected = 1;

    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, TextWriter stderr, TimeProvider timeProvider)
    {
        var action = args.Positional("token seal|open");
        return action switch
        {
            "seal" => await SealAsync(args, stdout, timeProvider).ConfigureAwait(false),
            "open" => await OpenAsync(args, stdout, stderr, timeProvider).ConfigureAwait(false),
            _ => throw new CliUsageException($"unknown token action '{action}' (seal or open)"),
        };
    }

    private static async Task<int> SealAsync(CliArguments args, TextWriter stdout, TimeProvider timeProvider)
    {
        var email = args.Required("email");
        var topic = args.Required("topic");
        var purpose = Purpose(args.Optional("purpose") ?? "unsubscribe");
        var tokens = Tokens(args, timeProvider);
        args.EnsureNoneUnknown();
        try
        {
            await stdout.WriteLineAsync(await tokens.SealAsync(email, topic, purpose, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            throw new CliUsageException(exception.Message.Split(" (Parameter", 2)[0]);
        }

        return CliApp.Ok;
    }

    private static async Task<int> OpenAsync(CliArguments args, TextWriter stdout, TextWriter stderr, TimeProvider timeProvider)
    {
        var token = args.Positional("TOKEN");
        var purpose = Purpose(args.Optional("purpose") ?? "unsubscribe");
        var tokens = Tokens(args, timeProvider);
        args.EnsureNoneUnknown();
        var result = await tokens.OpenAsync(token, purpose, CancellationToken.None).ConfigureAwait(false);
        if (!result.IsValid)
        {
            await stderr.WriteLineAsync("crm-mail: token rejected: " + result.Rejection).ConfigureAwait(false);
            return Rejected;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("email", result.Payload.Email);
            writer.WriteString("topic", result.Payload.Topic);
            writer.WriteString("issuedAt", result.Payload.IssuedAt);
            writer.WriteString("purpose", result.Payload.Purpose == TokenPurpose.Resubscribe ? "resubscribe" : "unsubscribe");
            writer.WriteEndObject();
        }

        await stdout.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
        return CliApp.Ok;
    }

    private static TokenPurpose Purpose(string value) => value switch
    {
        "unsubscribe" => TokenPurpose.Unsubscribe,
        "resubscribe" => TokenPurpose.Resubscribe,
        _ => throw new CliUsageException($"--purpose '{value}' is not unsubscribe or resubscribe"),
    };

    private static UnsubscribeTokenService Tokens(CliArguments args, TimeProvider timeProvider)
    {
        var region = args.Optional("region") ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";
        var endpoint = args.Optional("endpoint-url");
        var keyId = args.Optional("key-id") ?? "alias/dn-unsubscribe";
        var table = args.Optional("keys-table") ?? Environment.GetEnvironmentVariable("TOKEN_KEYS_TABLE")
            ?? throw new CliUsageException("--keys-table (or TOKEN_KEYS_TABLE) is required");
        if (endpoint is not null && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            throw new CliUsageException($"--endpoint-url '{endpoint}' is not an absolute URL");
        }

        var endpointUri = endpoint is null ? null : new Uri(endpoint);
        var provider = new EnvelopeDataKeyProvider(
            new KmsKeyWrapper(AwsClients.Kms(region, endpointUri), keyId),
            new DynamoDbWrappedKeyStore(AwsClients.DynamoDb(region, endpointUri), table, timeProvider),
            timeProvider,
            TokenOptions.Default);
        return new UnsubscribeTokenService(provider, timeProvider, TokenOptions.Default);
    }
}
