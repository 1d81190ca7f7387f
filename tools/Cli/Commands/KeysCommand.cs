using System.Security.Cryptography;
using System.Text.Json;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail keys generate [--type rsa|ecdsa] [--name NAME]</c>: a new CloudFront key pair.
/// Prints two JSON lines: the public key entry for <c>infra/keys/public-keys.json</c>, and
/// the value for the CloudFront private key secret (its keyPairId comes from the stack output
/// after the public key is deployed). The private key goes nowhere else.
/// </summary>
internal static class KeysCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, TimeProvider timeProvider)
    {
        var action = args.Positional("keys generate");
        if (action != "generate")
        {
            throw new CliUsageException($"unknown keys action '{action}' (generate)");
        }

        var type = args.Optional("type") ?? "rsa";
        var name = args.Optional("name") ?? "key-" + timeProvider.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        args.EnsureNoneUnknown();
        string publicPem;
        string privatePem;
        switch (type)
        {
            case "rsa":
                using (var rsa = RSA.Create(2048))
                {
                    publicPem = rsa.ExportSubjectPublicKeyInfoPem();
                    privatePem = rsa.ExportPkcs8PrivateKeyPem();
                }

                break;
            case "ecdsa":
                using (var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    publicPem = ecdsa.ExportSubjectPublicKeyInfoPem();
                    privatePem = ecdsa.ExportPkcs8PrivateKeyPem();
                }

                break;
            default:
                throw new CliUsageException($"--type '{type}' is not rsa or ecdsa");
        }

        await stdout.WriteLineAsync(Line(w =>
        {
            w.WriteString("name", name);
            w.WriteString("publicKeyPem", publicPem + "\n");
        })).ConfigureAwait(false);
        await stdout.WriteLineAsync(Line(w =>
        {
            w.WriteString("keyPairId", "<KeyPairId output of the deployed stack>");
            w.WriteString("privateKey", privatePem + "\n");
        })).ConfigureAwait(false);
        return CliApp.Ok;
    }

    private static string Line(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
