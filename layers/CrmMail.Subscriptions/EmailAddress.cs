namespace CrmMail.Subscriptions;

/// <summary>Address normalisation shared by the contact list, the audit trail and hashing.</summary>
public static class EmailAddress
{
    /// <summary>
    /// Trimmed, with the domain lowercased. The local part keeps its case: RFC 5321 lets a
    /// server treat it case-sensitively, and SES stores what it is given.
    /// </summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        return at < 0 ? trimmed : string.Concat(trimmed.AsSpan(0, at + 1), trimmed[(at + 1)..].ToLowerInvariant());
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
}
