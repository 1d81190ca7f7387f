using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CrmMail.LocalSuite.CloudFront;

/// <summary>
/// Checks a CloudFront signed URL the way the edge does, written from the CloudFront developer
/// guide rather than from our signer, so a signer bug cannot hide behind a shared helper: it
/// rebuilds the canned policy or decodes the custom one, verifies the signature (RSA PKCS#1
/// v1.5 with SHA-1, or SHA-256 when <c>Hash-Algorithm=SHA256</c>; ECDSA P-256 DER), then
/// applies the statement: resource with <c>*</c>/<c>?</c> wildcards, DateLessThan,
/// DateGreaterThan and an IPv4 source range.
/// </summary>
public sealed class SignedUrlVerifier
{
    private static readonly string[] SigningParameters = ["Expires", "Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm"];
    private readonly IReadOnlyDictionary<string, AsymmetricAlgorithm> _trustedKeys;
    private readonly TimeProvider _timeProvider;

    /// <summary>Trusts the public keys (SPKI PEM) by key pair id, as a key group does.</summary>
    public SignedUrlVerifier(IReadOnlyDictionary<string, string> publicKeysPem, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(publicKeysPem);
        _trustedKeys = publicKeysPem.ToDictionary(k => k.Key, k => LoadPublicKey(k.Value), StringComparer.Ordinal);
        _timeProvider = timeProvider;
    }

    /// <summary>Verifies the URL the viewer requested (scheme, host, path and raw query) from <paramref name="viewerIp"/>.</summary>
    public SignedUrlRejection Verify(string scheme, string host, string path, string rawQuery, IPAddress viewerIp)
    {
        ArgumentNullException.ThrowIfNull(rawQuery);
        ArgumentNullException.ThrowIfNull(viewerIp);
        var pairs = rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: p[0], Value: p.Length > 1 ? p[1] : string.Empty))
            .ToList();
        string? Single(string name) => pairs.Count(p => p.Name == name) == 1 ? pairs.First(p => p.Name == name).Value : null;

        var signature = Single("Signature");
        var keyPairId = Single("Key-Pair-Id");
        var expires = Single("Expires");
        var policyParameter = Single("Policy");
        if (signature is null || keyPairId is null || (expires is null) == (policyParameter is null))
        {
            return SignedUrlRejection.MissingParameters;
        }

        if (!_trustedKeys.TryGetValue(Uri.UnescapeDataString(keyPairId), out var key))
        {
            return SignedUrlRejection.UnknownKeyPairId;
        }

        // The URL without the signing parameters, other parameters kept in their order.
        var rest = pairs.Where(p => !SigningParameters.Contains(p.Name, StringComparer.Ordinal)).Select(p => p.Name + "=" + p.Value).ToList();
        var url = $"{scheme}://{host}{path}" + (rest.Count > 0 ? "?" + string.Join('&', rest) : string.Empty);

        byte[] policyBytes;
        if (expires is not null)
        {
            if (!long.TryParse(expires, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var epoch))
            {
                return SignedUrlRejection.MalformedPolicy;
            }

            policyBytes = Encoding.UTF8.GetBytes("{\"Statement\":[{\"Resource\":\"" + url + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + epoch.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}}]}");
        }
        else if (FromCloudFrontBase64(policyParameter!) is { } decoded)
        {
            policyBytes = decoded;
        }
        else
        {
            return SignedUrlRejection.MalformedPolicy;
        }

        var signatureBytes = FromCloudFrontBase64(signature);
        if (signatureBytes is null)
        {
            return SignedUrlRejection.MalformedPolicy;
        }

        var hashAlgorithm = Single("Hash-Algorithm") switch
        {
            null or "SHA1" => HashAlgorithmName.SHA1,
            "SHA256" => HashAlgorithmName.SHA256,
            _ => (HashAlgorithmName?)null,
        };
        if (hashAlgorithm is null)
        {
            return SignedUrlRejection.MalformedPolicy;
        }

        var verified = key switch
        {
            RSA rsa => rsa.VerifyData(policyBytes, signatureBytes, hashAlgorithm.Value, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => hashAlgorithm == HashAlgorithmName.SHA256 && ecdsa.VerifyData(policyBytes, signatureBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
            _ => false,
        };
        if (!verified)
        {
            return SignedUrlRejection.BadSignature;
        }

        return CheckStatement(policyBytes, url, viewerIp);
    }

    private SignedUrlRejection CheckStatement(byte[] policyBytes, string url, IPAddress viewerIp)
    {
        try
        {
            using var document = JsonDocument.Parse(policyBytes);
            var statements = document.RootElement.GetProperty("Statement");
            if (statements.GetArrayLength() != 1)
            {
                return SignedUrlRejection.MalformedPolicy;
            }

            var statement = statements[0];
            var resource = statement.TryGetProperty("Resource", out var r) ? r.GetString() : "*";
            var condition = statement.GetProperty("Condition");
            var lessThan = condition.GetProperty("DateLessThan").GetProperty("AWS:EpochTime").GetInt64();
            var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
            if (resource is null || !WildcardMatch(resource, url))
            {
                return SignedUrlRejection.ResourceMismatch;
            }

            if (now >= lessThan)
            {
                return SignedUrlRejection.Expired;
            }

            if (condition.TryGetProperty("DateGreaterThan", out var greater) && now < greater.GetProperty("AWS:EpochTime").GetInt64())
            {
                return SignedUrlRejection.NotYetValid;
            }

            if (condition.TryGetProperty("IpAddress", out var ip) && !InRange(viewerIp, ip.GetProperty("AWS:SourceIp").GetString()!))
            {
                return SignedUrlRejection.SourceIpMismatch;
            }

            return SignedUrlRejection.None;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return SignedUrlRejection.MalformedPolicy;
        }
    }

    /// <summary>CloudFront's resource match: <c>*</c> any run of characters, <c>?</c> exactly one.</summary>
    internal static bool WildcardMatch(string pattern, string value)
    {
        // Iterative glob match with backtracking to the last star: linear in practice.
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == value[v]))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool InRange(IPAddress viewer, string cidr)
    {
        var parts = cidr.Split('/');
        var prefix = parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 32;
        if (!IPAddress.TryParse(parts[0], out var network) || prefix is < 0 or > 32)
        {
            throw new FormatException("Not an IPv4 range.");
        }

        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        var a = BinaryPrimitives.ReadUInt32BigEndian(viewer.MapToIPv4().GetAddressBytes());
        var b = BinaryPrimitives.ReadUInt32BigEndian(network.MapToIPv4().GetAddressBytes());
        return (a & mask) == (b & mask);
    }

    private static byte[]? FromCloudFrontBase64(string value)
    {
        var standard = value.Replace('-', '+').Replace('_', '=').Replace('~', '/');
        try
        {
            return Convert.FromBase64String(standard);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static AsymmetricAlgorithm LoadPublicKey(string pem)
    {
        // Key loading is the one thing shared in spirit with the signer: .NET's PEM import.
        if (pem.Contains("BEGIN PUBLIC KEY", StringComparison.Ordinal))
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(pem);
                return rsa;
            }
            catch (CryptographicException)
            {
                rsa.Dispose();
            }

            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            return ecdsa;
        }

        throw new ArgumentException("A trusted key is an SPKI PEM public key (BEGIN PUBLIC KEY).", nameof(pem));
    }
}
