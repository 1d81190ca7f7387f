using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrmMail.LocalSuite;

/// <summary>
/// The folder that holds a local suite's state: key files made on first run (0600), the
/// contact list, the audit log, the outbox and the reports folder. Delete it to start over.
/// </summary>
public sealed class LocalDataDirectory
{
    private LocalDataDirectory(string root)
    {
        Root = root;
        Keys = Path.Combine(root, "keys");
        Outbox = Path.Combine(root, "outbox");
        Reports = Path.Combine(root, "reports");
        State = Path.Combine(root, "state");
        Templates = Path.Combine(root, "templates");
    }

    /// <summary>The data folder.</summary>
    public string Root { get; }

    /// <summary>Key files.</summary>
    public string Keys { get; }

    /// <summary>One .eml per sent message.</summary>
    public string Outbox { get; }

    /// <summary>The report files the CloudFront stand-in serves (the bucket's keys as paths).</summary>
    public string Reports { get; }

    /// <summary>Contact list, audit log, key registry and the other tables.</summary>
    public string State { get; }

    /// <summary>Email templates, one JSON file each (<c>crm-mail templates put --data</c> writes them).</summary>
    public string Templates { get; }

    /// <summary>The local KMS stand-in's master key (32 bytes).</summary>
    public byte[] TokenMasterKey { get; private set; } = [];

    /// <summary>The PII hash key's local value (<see cref="Settings.Catalogue.PiiHashKey"/>).</summary>
    public byte[] PiiHashKey { get; private set; } = [];

    /// <summary>The CloudFront key pair id of the local signing key.</summary>
    public string CloudFrontKeyPairId { get; private set; } = string.Empty;

    /// <summary>The CloudFront signing key (PKCS#8 PEM).</summary>
    public string CloudFrontPrivateKeyPem { get; private set; } = string.Empty;

    /// <summary>Its public half (SPKI PEM): what the distribution's key group trusts.</summary>
    public string CloudFrontPublicKeyPem { get; private set; } = string.Empty;

    /// <summary>The local Firebase stand-in's signing key (PKCS#8 PEM): ID tokens of local uids for the gallery.</summary>
    public string FirebasePrivateKeyPem { get; private set; } = string.Empty;

    /// <summary>The API key send-mail requires (API Gateway's usage plan key).</summary>
    public string ApiKey { get; private set; } = string.Empty;

    /// <summary>The key serve signs its campaign upload URLs with (the stand-in of S3's presigned PUT), 32 bytes.</summary>
    public byte[] CampaignUploadKey { get; private set; } = [];

    /// <summary>Webhook signing key the Mailgun stand-in and the webhook function share.</summary>
    public string MailgunSigningKey { get; private set; } = string.Empty;

    /// <summary>Opens <paramref name="root"/>, making the folders and any missing key file.</summary>
    public static LocalDataDirectory Open(string root)
    {
        var directory = new LocalDataDirectory(Path.GetFullPath(root));
        foreach (var folder in new[] { directory.Root, directory.Keys, directory.Outbox, directory.Reports, directory.State, directory.Templates })
        {
            Directory.CreateDirectory(folder);
        }

        directory.TokenMasterKey = Convert.FromBase64String(directory.KeyFile("token-master.key", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        directory.PiiHashKey = Convert.FromBase64String(directory.KeyFile("pii-hash.key", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        directory.ApiKey = directory.KeyFile("api-key", () => "local-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        directory.CampaignUploadKey = Convert.FromBase64String(directory.KeyFile("campaign-upload.key", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        directory.MailgunSigningKey = directory.KeyFile("mailgun-signing.key", () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        directory.CloudFrontKeyPairId = directory.KeyFile("cloudfront-key-pair-id", () => "KLOCAL" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)));
        directory.CloudFrontPrivateKeyPem = directory.KeyFile("cloudfront-private.pem", () =>
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportPkcs8PrivateKeyPem();
        });
        directory.CloudFrontPublicKeyPem = directory.KeyFile("cloudfront-public.pem", () =>
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(directory.CloudFrontPrivateKeyPem);
            return rsa.ExportSubjectPublicKeyInfoPem();
        });
        directory.FirebasePrivateKeyPem = directory.KeyFile("firebase-local.pem", () =>
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportPkcs8PrivateKeyPem();
        });
        directory.SeedSampleReports();
        return directory;
    }

    /// <summary>Writes a minimal, valid one-page PDF at the report key (used for samples and tests).</summary>
    public string WriteSampleReport(string key, string title)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var path = ReportPath(key) ?? throw new ArgumentException("Not a report key.", nameof(key));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, MinimalPdf(title));
        return path;
    }

    /// <summary>The file for a report key, or null when the key leaves the reports folder.</summary>
    public string? ReportPath(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Contains('\\', StringComparison.Ordinal) || key.Split('/').Any(s => s is "" or "." or ".."))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Reports, key));
        return full.StartsWith(Reports + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private void SeedSampleReports()
    {
        // Two reports for last month, so the README's first send-mail example works at once.
        if (Directory.EnumerateFileSystemEntries(Reports).Any())
        {
            return;
        }

        WriteSampleReport("2026/10/ACME-001.pdf", "ACME-001 October 2026");
        WriteSampleReport("2026/10/ACME-002.pdf", "ACME-002 October 2026");
    }

    private string KeyFile(string name, Func<string> create)
    {
        var path = Path.Combine(Keys, name);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var value = create();
        // Created owner-only; written to a temporary name first so a crash leaves no half key.
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(value + "\n"));
        }

        File.Move(temporary, path, overwrite: false);
        return value;
    }

    private static byte[] MinimalPdf(string title)
    {
        var text = title.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
        var stream = $"BT /F1 18 Tf 72 720 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(stream)} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
