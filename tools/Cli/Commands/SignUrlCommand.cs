using CrmMail.Signing.CloudFront;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail sign-url</c>: the flags of AWS CLI v2's <c>aws cloudfront sign</c>. A custom
/// policy is used when a not-before date, an IP range or a policy resource other than the URL
/// is given; otherwise a canned policy. Prints only the signed URL.
/// </summary>
internal static class SignUrlCommand
{
    public static int Run(CliArguments args, TextWriter stdout, TimeProvider timeProvider)
    {
        var url = args.Required("url");
        var keyPairId = args.Required("key-pair-id");
        var keyPath = args.Required("private-key");
        var expires = CliDate.Parse("date-less-than", args.Required("date-less-than"));
        var notBefore = args.Optional("date-greater-than") is { } nb ? CliDate.Parse("date-greater-than", nb) : (DateTimeOffset?)null;
        var ipAddress = args.Optional("ip-address");
        var policyResource = args.Optional("policy-resource");
        var hashAlgorithm = args.Optional("hash-algorithm") switch
        {
            null => (CloudFrontHashAlgorithm?)null,
            var h when h.Equals("SHA1", StringComparison.OrdinalIgnoreCase) => CloudFrontHashAlgorithm.Sha1,
            var h when h.Equals("SHA256", StringComparison.OrdinalIgnoreCase) => CloudFrontHashAlgorithm.Sha256,
            var h => throw new CliUsageException($"--hash-algorithm '{h}' is not SHA1 or SHA256"),
        };
        args.EnsureNoneUnknown();

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
