using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmMail.Identity;
using Microsoft.IdentityModel.Tokens;

namespace CrmMail.LocalSuite.Gallery;

/// <summary>
/// Firebase's token issuer, locally: an RSA key from the data folder signs ID tokens for any
/// local uid (the gallery page's "sign in as"), and the gallery's verifier trusts that key in
/// place of Google's certificates. Only <c>serve</c> composes it; a deployed function trusts Google.
/// </summary>
public sealed class LocalFirebaseIssuer : IFirebaseCertificateSource, IDisposable
{
    /// <summary>The kid of the local key.</summary>
    public const string Kid = "crm-mail-local-1";

    private readonly RSA _key;
    private readonly string _projectId;
    private readonly TimeProvider _time;

    /// <summary>Signs for <paramref name="projectId"/> with <paramref name="privateKeyPem"/>.</summary>
    public LocalFirebaseIssuer(string privateKeyPem, string projectId, TimeProvider time)
    {
        _key = RSA.Create();
        _key.ImportFromPem(privateKeyPem);
        _projectId = projectId;
        _time = time;
    }

    /// <summary>An ID token for <paramref name="uid"/>, valid for an hour, email verified.</summary>
    public string Mint(string uid)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var header = new Dictionary<string, string> { ["alg"] = "RS256", ["kid"] = Kid, ["typ"] = "JWT" };
        using var payload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", "https://securetoken.google.com/" + _projectId);
            writer.WriteString("aud", _projectId);
            writer.WriteNumber("auth_time", now);
            writer.WriteString("user_id", uid);
            writer.WriteString("sub", uid);
            writer.WriteNumber("iat", now);
            writer.WriteNumber("exp", now + 3600);
            writer.WriteString("email", uid + "@crm-mail.local");
            writer.WriteBoolean("email_verified", true);
            writer.WriteEndObject();
        }

        var input = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(header, LocalGalleryTokenJsonContext.Default.DictionaryStringString)) + "." + Base64UrlEncoder.Encode(payload.ToArray());
        var signature = _key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, SecurityKey>> GetKeysAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, SecurityKey> keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal)
        {
            [Kid] = new RsaSecurityKey(RSA.Create(_key.ExportParameters(false))) { KeyId = Kid },
        };
        return Task.FromResult(keys);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
