using System.CommandLine;
using CrmMail.Signing.CloudFront;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail sign-url</c>: the flags of AWS CLI v2's <c>aws cloudfront sign</c>. A custom
/// policy is used when a not-before date, an IP range or a policy resource other than the URL
/// is given; otherwise a canned policy. Prints only the signed URL.
/// </summary>
internal static class SignUrlCommand
{
    public static Command Create(CliContext cli)
    {
        var url = CliOptions.Required("--url", "the URL to sign (percent-encoded ASCII)");
        var keyPairId = CliOptions.Required("--key-pair-id", "the CloudFront public key id (KeyPairId stack output)");
        var privateKey = CliOptions.Required("--private-key", "file://PATH of the PEM private key (PKCS#1 or PKCS#8, RSA or ECDSA P-256)");
        var dateLessThan = CliOptions.Required("--date-less-than", "expiry: YYYY-MM-DD, ISO 8601 or epoch seconds");
        var dateGreaterThan = CliOptions.Optional("--date-greater-than", "not before (custom policy): YYYY-MM-DD, ISO 8601 or epoch seconds");
        var ipAddress = CliOptions.Optional("--ip-address", "allowed IPv4 address or CIDR range (custom policy)");
        var policyResource = CliOptions.Optional("--policy-resource", "the policy's resource, may end in * (custom policy when it differs from --url)");
        var hashAlgorithm = CliOptions.Optional("--hash-algorithm", "SHA1 or SHA256 (default: SHA1 for RSA, SHA256 for ECDSA)");
        var command = new Command("sign-url", "sign a CloudFront URL (the flags of `aws cloudfront sign`); prints the signed URL")
        {
            url, keyPairId, privateKey, dateLessThan, dateGreaterThan, ipAddress, policyResource, hashAlgorithm,
        };
        command.SetAction(parse => Run(
            new SignUrlRequest(
                parse.GetRequiredValue(url),
                parse.GetRequiredValue(keyPairId),
                parse.GetRequiredValue(privateKey),
                parse.GetRequiredValue(dateLessThan),
                parse.GetValue(dateGreaterThan),
                parse.GetValue(ipAddress),
                parse.GetValue(policyResource),
                parse.GetValue(hashAlgorithm)),
            cli.Out,
            cli.Time));
        return command;
    }

    private static int Run(SignUrlRequest request, TextWriter stdout, TimeProvider timeProvider)
    {
        var url = request.Url;
        var keyPairId = request.KeyPairId;
        var keyPath = request.PrivateKey;
        var expires = CliDate.Parse("date-less-than", request.DateLessThan);
        var notBefore = request.DateGreaterThan is { } nb ? CliDate.Parse("date-greater-than", nb) : (DateTimeOffset?)null;
        var ipAddress = request.IpAddress;
        var policyResource = request.PolicyResource;
        var hashAlgorithm = request.HashAlgorithm switch
        {
            null => (CloudFrontHashAlgorithm?)null,
            var h when h.Equals("SHA1", StringComparison.OrdinalIgnoreCase) => CloudFrontHashAlgorithm.Sha1,
            var h when h.Equals("SHA256", StringComparison.OrdinalIgnoreCase) => CloudFrontHashAlgorithm.Sha256,
            var h => throw new CliUsageException($"--hash-algorithm '{h}' is not SHA1 or SHA256"),
        };

        if (!CloudFrontUrl.IsSignable(url))
        {
            throw new CliUsageException("--url must be percent-encoded ASCII (no spaces or non-ASCII characters)");
        }

        using var key = LoadKey(keyPairId, keyPath);
        CloudFrontUrlSigner signer;
        try
        {
            signer = new CloudFrontUrlSigner(key, timeProvider, hashAlgorithm);
        }
        catch (ArgumentException exception)
        {
            throw new CliUsageException("--hash-algorithm: " + exception.Message);
        }

        var custom = notBefore is not null || ipAddress is not null || (policyResource is not null && policyResource != url);
        try
        {
            var signed = custom
                ? signer.SignCustom(url, new CloudFrontPolicy(policyResource ?? url, expires, notBefore, ipAddress))
                : signer.SignCanned(url, expires);
            stdout.WriteLine(signed);
        }
        catch (ArgumentException exception)
        {
            throw new CliUsageException(exception.Message.Split(" (Parameter", 2)[0]);
        }

        return CliApp.Ok;
    }

    private static CloudFrontSigningKey LoadKey(string keyPairId, string location)
    {
        // As in the AWS CLI, the key is given as file://PATH (a bare path is accepted too).
        var path = location.StartsWith("file://", StringComparison.Ordinal) ? location["file://".Length..] : location;
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliUsageException($"--private-key: cannot read '{path}': {exception.Message}");
        }

        try
        {
            return CloudFrontSigningKey.FromPem(keyPairId, pem);
        }
        catch (CloudFrontKeyException exception)
        {
            throw new CliUsageException("--private-key / --key-pair-id: " + exception.Message);
        }
    }
}
