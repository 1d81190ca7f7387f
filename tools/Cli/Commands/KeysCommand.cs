using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail keys generate [--type rsa|ecdsa] [--name NAME] [--private-key-out FILE]</c>: a new
/// CloudFront key pair. Prints the public key entry for <c>infra/keys/public-keys.json</c> and,
/// unless <c>--private-key-out</c> writes the private key to a 0600 PEM file instead, the value
/// for the CloudFront private key secret (its keyPairId comes from the stack output after the
/// public key is deployed). The private key goes nowhere else.
/// </summary>
internal static partial class KeysCommand
{
    /// <summary>What a key name may hold: the CDK's CloudFront public key name rule (letters, digits, - and _; 1 to 80).</summary>
    public const string NameRule = "letters, digits, '-' and '_', 1 to 80 characters";

    // The PEM goes through Utf8JsonWriter: without the relaxed encoder '+' would print as \u002B.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext cli)
    {
        var type = CliOptions.OneOf("--type", "the key type: rsa (2048-bit) or ecdsa (P-256)", "rsa", "rsa", "ecdsa");
        var name = CliOptions.Optional("--name", "the key's name in public-keys.json (" + NameRule + "; default key-YYYY-MM-DD)");
        name.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !KeyName().IsMatch(value))
            {
                result.AddError($"--name '{value}' is not a key name: {NameRule}");
            }
        });
        var privateKeyOut = CliOptions.Optional("--private-key-out", "write the private key to this new PEM file (mode 0600) for sign-url --private-key file://FILE");
        var generate = new Command("generate", "generate a key pair; prints JSON lines") { type, name, privateKeyOut };
        generate.SetAction((parse, _) => GenerateAsync(parse.GetRequiredValue(type), parse.GetValue(name), parse.GetValue(privateKeyOut), cli));
        return new Command("keys", "CloudFront signing keys") { generate };
    }

    private static async Task<int> GenerateAsync(string type, string? requestedName, string? privateKeyOut, CliContext cli)
    {
        var name = requestedName ?? "key-" + cli.Time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string publicPem;
        string privatePem;
        if (type == "ecdsa")
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            publicPem = ecdsa.ExportSubjectPublicKeyInfoPem();
            privatePem = ecdsa.ExportPkcs8PrivateKeyPem();
        }
        else
        {
            using var rsa = RSA.Create(2048);
            publicPem = rsa.ExportSubjectPublicKeyInfoPem();
            privatePem = rsa.ExportPkcs8PrivateKeyPem();
        }

        if (privateKeyOut is not null)
        {
            WritePrivateKey(privateKeyOut, privatePem + "\n");
        }

        await cli.Out.WriteLineAsync(Line(w =>
        {
            w.WriteString("name", name);
            w.WriteString("publicKeyPem", publicPem + "\n");
        })).ConfigureAwait(false);
        if (privateKeyOut is null)
        {
            await cli.Out.WriteLineAsync(Line(w =>
            {
                w.WriteString("keyPairId", "<KeyPairId output of the deployed stack>");
                w.WriteString("privateKey", privatePem + "\n");
            })).ConfigureAwait(false);
        }
        else
        {
            await cli.Error.WriteLineAsync($"crm-mail: private key written to {privateKeyOut} (mode 0600); sign with --private-key file://{Path.GetFullPath(privateKeyOut)}").ConfigureAwait(false);
        }

        return CliApp.Ok;
    }

    private static void WritePrivateKey(string path, string pem)
    {
        try
        {
            // CreateNew: never overwrite a key that may already be deployed; the mode is set at
            // creation, so the key is never readable by others, not even for an instant.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(path, options);
            file.Write(System.Text.Encoding.ASCII.GetBytes(pem));
        }
        catch (IOException exception) when (File.Exists(path))
        {
            throw new CliUsageException($"--private-key-out '{path}' already exists (a key is never overwritten): {exception.Message}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--private-key-out: cannot write '{path}': {exception.Message}");
        }
    }

    private static string Line(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,80}\z")]
    private static partial Regex KeyName();
}
