namespace CrmMail.Kernel;

/// <summary>
/// A claim a deployment requires of a verified caller, such as a custom <c>role</c> claim
/// set to <c>outreach</c>: met when the claim has that value (or, for an array claim, holds
/// it). Compared ordinally: a role is an exact word.
/// </summary>
public sealed record ClaimRequirement(string Name, string Value)
{
    /// <summary>Parses <c>name=value</c> (the settings rule has checked the shape); null for an empty setting.</summary>
    public static ClaimRequirement? Parse(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }

        var equals = setting.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0 || equals == setting.Length - 1
            ? throw new FormatException("A claim requirement is name=value.")
            : new ClaimRequirement(setting[..equals].Trim(), setting[(equals + 1)..].Trim());
    }

    /// <summary>Whether <paramref name="identity"/> carries the claim with the value.</summary>
    public bool IsMetBy(IdentityCheck identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return identity.Verdict == IdentityVerdict.Verified
            && identity.Claims.TryGetValue(Name, out var values)
            && values.Contains(Value, StringComparer.Ordinal);
    }
}
