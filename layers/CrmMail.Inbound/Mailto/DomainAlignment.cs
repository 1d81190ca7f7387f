using System.Globalization;

namespace CrmMail.Inbound.Mailto;

/// <summary>
/// DMARC's relaxed identifier alignment (RFC 7489 §3.1), approximated without the Public
/// Suffix List: two domains align when they are equal or one is a subdomain of the other
/// (label by label, after IDNA ASCII and lower case). No PSL package is served here, so the
/// organizational domain cannot be computed; the approximation is stricter than DMARC for
/// siblings (<c>a.example.com</c> and <c>b.example.com</c> do not align here) and looser only
/// when one side is itself a public suffix under which others register names
/// (<c>co.uk</c>, or a shared-hosting suffix whose customers control their own DNS). A
/// single-label domain (a TLD) never aligns, so <c>com</c> cannot vouch for anything.
/// </summary>
public static class DomainAlignment
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>Whether <paramref name="authenticated"/> (SPF's envelope domain or DKIM's d=) aligns with the From domain.</summary>
    public static bool Aligned(string? authenticated, string? fromDomain)
    {
        var a = Canonical(authenticated);
        var f = Canonical(fromDomain);
        if (a is null || f is null || !a.Contains('.', StringComparison.Ordinal) || !f.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        return a == f || IsSubdomainOf(a, f) || IsSubdomainOf(f, a);
    }

    /// <summary>The domain of <paramref name="address"/> (after the last @), or null.</summary>
    public static string? DomainOf(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }

        var at = address.LastIndexOf('@');
        return at < 0 || at == address.Length - 1 ? null : address[(at + 1)..].TrimEnd('>');
    }

    /// <summary>IDNA ASCII, lower case, without a trailing dot; null when it is not a domain name.</summary>
    public static string? Canonical(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain) || domain.Length > 253 * 4)
        {
            return null;
        }

        var trimmed = domain.Trim().TrimEnd('.');
        try
        {
            // Lower case first: IdnMapping keeps the case of non-ASCII letters, so BÜCHER and
            // bücher would otherwise get different punycode (as EmailAddress.TryAsciiDomain does).
            var ascii = Idn.GetAscii(trimmed.ToLowerInvariant()).ToLowerInvariant();
            return ascii.Length is > 0 and <= 253 ? ascii : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsSubdomainOf(string child, string parent)
        => child.Length > parent.Length + 1 && child.EndsWith(parent, StringComparison.Ordinal) && child[child.Length - parent.Length - 1] == '.';
}
