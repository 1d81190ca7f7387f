using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace CrmMail.Tests.Shared;

/// <summary>
/// A stand-in for Google's securetoken issuer: an RSA key with a self-signed certificate,
/// the certificate map served over HTTP on 127.0.0.1 (with Cache-Control max-age), and
/// ID tokens minted by hand so every claim can be bent.
/// </summary>
internal sealed class FirebaseTestIssuer : IDisposable
{
    public const string ProjectId = "dn-crm-test";
    public const string Kid = "test-kid-1";

    private readonly RSA _key = RSA.Create(2048);
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new();

    public FirebaseTestIssuer()
    {
        var request = new CertificateRequest("CN=securetoken.test", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        CertificatePem = certificate.ExportCertificatePem();
        _listener = LoopbackHttpListener.Start(out var baseUrl);
        Url = new Uri(baseUrl, "certs");
        _ = ServeAsync();
    }

    public Uri Url { get; }

    public string CertificatePem { get; }

    public int Requests;

    public int MaxAgeSeconds { get; set; } = 3600;

    public string Mint(Action<Dictionary<string, object?>>? claims = null, Action<Dictionary<string, object?>>? header = null, RSA? signWith = null, DateTimeOffset? now = null)
    {
        var at = (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var head = new Dictionary<string, object?> { ["alg"] = "RS256", ["kid"] = Kid, ["typ"] = "JWT" };
        var payload = new Dictionary<string, object?>
        {
            ["iss"] = "https://securetoken.google.com/" + ProjectId,
            ["aud"] = ProjectId,
            ["auth_time"] = at - 60,
            ["user_id"] = "uid-123",
            ["sub"] = "uid-123",
            ["iat"] = at - 30,
            ["exp"] = at + 3600,
            ["email"] = "staff@example.com",
            ["email_verified"] = true,
        };
        header?.Invoke(head);
        claims?.Invoke(payload);
        var signingInput = Segment(head) + "." + Segment(payload);
        var signature = (signWith ?? _key).SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _key.Dispose();
        _stop.Dispose();
    }

    private static string Segment(Dictionary<string, object?> values)
    {
        var json = new StringBuilder("{");
        foreach (var (name, value) in values)
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            json.Append(JsonSerializer.Serialize(name)).Append(':').Append(value switch
            {
                null => "null",
                string s => JsonSerializer.Serialize(s),
                bool b => b ? "true" : "false",
                long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
                int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string[] array => JsonSerializer.Serialize(array),
                _ => throw new ArgumentException("unsupported claim type"),
            });
        }

        return Base64Url(Encoding.UTF8.GetBytes(json.Append('}').ToString()));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref Requests);
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string> { [Kid] = CertificatePem }));
            context.Response.ContentType = "application/json";
            context.Response.Headers["Cache-Control"] = $"public, max-age={MaxAgeSeconds}, must-revalidate, no-transform";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

}
