namespace CrmMail.Cli.Commands;

/// <summary>The sign-url flags, as given.</summary>
internal sealed record SignUrlRequest(string Url, string KeyPairId, string PrivateKey, string DateLessThan, string? DateGreaterThan, string? IpAddress, string? PolicyResource, string? HashAlgorithm);
