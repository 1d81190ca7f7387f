using System.Globalization;

namespace CrmMail.Subscriptions;

/// <summary>
/// The one identity of an address: the canonical contact key used by the contact list, the
/// send gate, tokens, audit rows, pages and hashes, so an unsubscribe can never be bypassed by
/// spelling an address differently.
/// </summary>
public static class EmailAddress
{
    // UseStd3AsciiRules: host names only (letters, digits, hyphens), as SES and Mailgun accept.
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>
    /// The canonical contact key: trimmed, the local part in lower case and the domain in IDNA
    /// ASCII (punycode), lower case. Mailbox providers treat the local part case-insensitively,
    /// and an internationalised domain has one ASCII form, so <c>Casey@Bücher.example</c>,
    /// <c>casey@xn--bcher-kva.example</c> and <c>CASEY@XN--BCHER-KVA.EXAMPLE</c> are one contact.
    /// A domain that is not a valid IDNA name keeps its spelling, lower-cased.
    /// </summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at < 0)
        {
            return trimmed.ToLowerInvariant();
        }

        var domain = trimmed[(at + 1)..];
        return string.Concat(trimmed.AsSpan(0, at).ToString().ToLowerInvariant(), "@", TryAsciiDomain(domain, out var ascii) ? ascii : domain.ToLowerInvariant());
    }

    /// <summary>The domain in IDNA ASCII, lower case; false when it is not a valid IDNA name.</summary>
    public static bool TryAsciiDomain(string domain, out string ascii)
    {
        ArgumentNullException.ThrowIfNull(domain);
        try
        {
            // Lower case first: under invariant globalization IdnMapping keeps the case of non-ASCII
            // letters, so BÜCHER and bücher would get different punycode. (Nor does it compose
            // u + U+0308 into ü; a decomposed spelling is another DNS name, so mail to it could
            // not reach the contact anyway.)
            ascii = Idn.GetAscii(domain.ToLowerInvariant()).ToLowerInvariant();
            return true;
        }
        catch (ArgumentException)
        {
            ascii = string.Empty;
            return false;
        }
    }

    /// <summary>
    /// Spellings under which a contact may have been stored before every path used the canonical
    /// key, derived from the spelling a caller gave: exactly as given (trimmed), with the local
    /// part's case kept and the domain lower-cased (the old key) or in ASCII (send-mail's old
    /// key), and with the domain in Unicode (an IDN reply). The canonical key itself is never
    /// among them; an address already canonical and ASCII has none.
    /// </summary>
    public static IReadOnlyList<string> LegacySpellings(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var trimmed = email.Trim();
        var canonical = Normalize(trimmed);
        var at = trimmed.LastIndexOf('@');
        if (at < 0)
        {
            return trimmed == canonical ? [] : [trimmed];
        }

        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        var candidates = new List<string> { trimmed, local + "@" + domain.ToLowerInvariant() };
        if (TryAsciiDomain(domain, out var ascii))
        {
            candidates.Add(local + "@" + ascii);
            if (TryUnicodeDomain(ascii, out var unicode) && unicode != ascii)
            {
                candidates.Add(local + "@" + unicode);
                candidates.Add(local.ToLowerInvariant() + "@" + unicode);
            }
        }

        return [.. candidates.Where(c => c != canonical).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A cheap structural check (one @, non-empty parts, no spaces or control characters, at most 254 characters).</summary>
    public static bool IsPlausible(string? email)
    {
        if (string.IsNullOrEmpty(email) || email.Length > 254)
        {
            return false;
        }

        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1 || at > 64 || email.IndexOf('@', StringComparison.Ordinal) != at)
        {
            return false;
        }

        foreach (var c in email)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"' or '\\' or '(' or ')' or '[' or ']')
            {
                return false;
            }
        }

        var domain = email.AsSpan(at + 1);
        return domain.Contains('.') && domain[0] != '.' && domain[^1] != '.';
    }

    private static bool TryUnicodeDomain(string ascii, out string unicode)
    {
        try
        {
            unicode = Idn.GetUnicode(ascii);
            return true;
        }
        catch (ArgumentException)
        {
            unicode = string.Empty;
            return false;
        }
    }
}
