using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CrmMail.Signing.CloudFront;

/// <summary>
/// A custom policy: one statement, validated at construction. <see cref="Resource"/> may use
/// <c>*</c> and <c>?</c> wildcards; the optional conditions are a not-before time and an
/// IPv4 source range.
/// </summary>
public sealed record CloudFrontPolicy
{
    /// <summary>Creates and validates the policy.</summary>
    /// <exception cref="ArgumentException">A field is invalid; the message names it.</exception>
    public CloudFrontPolicy(string resource, DateTimeOffset dateLessThan, DateTimeOffset? dateGreaterThan = null, string? ipAddress = null)
    {
        CloudFrontUrl.EnsureSignable(resource, nameof(resource));
        if (dateGreaterThan is { } notBefore && notBefore.ToUnixTimeSeconds() >= dateLessThan.ToUnixTimeSeconds())
        {
            throw new ArgumentException("The not-before time must be earlier than the expiry.", nameof(dateGreaterThan));
        }

        Resource = resource;
        DateLessThan = dateLessThan;
        DateGreaterThan = dateGreaterThan;
        IpAddress = ipAddress is null ? null : NormalizeCidr(ipAddress);
    }

    /// <summary>The URL or wildcard pattern the policy grants.</summary>
    public string Resource { get; }

    /// <summary>Expiry (AWS:EpochTime, whole seconds).</summary>
    public DateTimeOffset DateLessThan { get; }

    /// <summary>Not valid before, when set.</summary>
    public DateTimeOffset? DateGreaterThan { get; }

    /// <summary>IPv4 CIDR the request must come from, when set (a bare address becomes /32).</summary>
    public string? IpAddress { get; }

    /// <summary>
    /// The policy JSON exactly as CloudFront and botocore write it: no whitespace, keys in the
    /// order DateLessThan, IpAddress, DateGreaterThan.
    /// </summary>
    public string ToJson()
    {
        var condition = string.Create(CultureInfo.InvariantCulture, $"{{\"DateLessThan\":{{\"AWS:EpochTime\":{DateLessThan.ToUnixTimeSeconds()}}}");
        if (IpAddress is not null)
        {
            condition += $",\"IpAddress\":{{\"AWS:SourceIp\":\"{IpAddress}\"}}";
        }

        if (DateGreaterThan is { } notBefore)
        {
            condition += string.Create(CultureInfo.InvariantCulture, $",\"DateGreaterThan\":{{\"AWS:EpochTime\":{notBefore.ToUnixTimeSeconds()}}}");
        }

        // Resource is printable ASCII without quote or backslash (EnsureSignable), so it needs no escaping.
        return $"{{\"Statement\":[{{\"Resource\":\"{Resource}\",\"Condition\":{condition}}}}}]}}";
    }

    private static string NormalizeCidr(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var addressPart = slash < 0 ? value : value[..slash];
        if (!System.Net.IPAddress.TryParse(addressPart, out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || addressPart.Count(c => c == '.') != 3)
        {
            throw new ArgumentException($"'{value}' is not an IPv4 address or CIDR range (CloudFront policies take IPv4 only).", nameof(value));
        }

        if (slash < 0)
        {
            return address + "/32";
        }

        var prefix = value[(slash + 1)..];
        if (!int.TryParse(prefix, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) || bits > 32 || prefix.Length > 2)
        {
            throw new ArgumentException($"'{value}' has an invalid prefix length (0 to 32).", nameof(value));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{address}/{bits}");
    }
}
