using CrmMail.Subscriptions;

namespace CrmMail.Mail.Validation;

/// <summary>
/// RFC 5322 addr-spec (dot-atom local part; quoted local parts are refused, as SES and most
/// CRMs refuse them) with internationalised domains converted to their ASCII (punycode) form,
/// which is what SES and Mailgun accept. Also mailboxes with a display name for From.
/// </summary>
public static class AddressSyntax
{
    private const string AText = "!#$%&'*+-/=?^_`{|}~";

    /// <summary>Validates <paramref name="input"/>; on success <paramref name="address"/> is the address with an ASCII domain.</summary>
    public static bool TryNormalizeAddress(string? input, out string address)
    {
        address = string.Empty;
        if (string.IsNullOrEmpty(input) || input.Length > 320)
        {
            return false;
        }

        var at = input.LastIndexOf('@');
        if (at <= 0 || at == input.Length - 1)
        {
            return false;
        }

        var local = input[..at];
        if (local.Length > 64 || !IsDotAtom(local))
        {
            return false;
        }

        // The domain's ASCII form is the canonical key's (EmailAddress), so the send gate, the
        // token and the contact all see one spelling of it.
        if (!EmailAddress.TryAsciiDomain(input[(at + 1)..], out var domain) || !IsHostName(domain))
        {
            return false;
        }

        address = local + "@" + domain;
        return address.Length <= 254;
    }

    /// <summary>
    /// A From or Reply-To value: <c>addr-spec</c> or <c>Display Name &lt;addr-spec&gt;</c>.
    /// The display name may not hold CR, LF, angle brackets or control characters; it is
    /// re-emitted quoted when it needs to be.
    /// </summary>
    public static bool TryNormalizeMailbox(string? input, out string mailbox)
    {
        mailbox = string.Empty;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 512 || input.Any(char.IsControl))
        {
            return false;
        }

        var trimmed = input.Trim();
        var open = trimmed.LastIndexOf('<');
        if (open < 0)
        {
            if (!TryNormalizeAddress(trimmed, out var bare))
            {
                return false;
            }

            mailbox = bare;
            return true;
        }

        if (!trimmed.EndsWith('>') || !TryNormalizeAddress(trimmed[(open + 1)..^1], out var address))
        {
            return false;
        }

        var name = trimmed[..open].Trim();
        if (name.Length >= 2 && name[0] == '"' && name[^1] == '"')
        {
            name = name[1..^1];
        }

        if (name.IndexOfAny(['<', '>', '"', '\\']) >= 0)
        {
            return false;
        }

        mailbox = name.Length == 0 ? address
            : name.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ' || AText.Contains(c, StringComparison.Ordinal)) ? $"{name} <{address}>"
            : $"\"{name}\" <{address}>";
        return true;
    }

    private static bool IsDotAtom(string local)
    {
        if (local.Length == 0 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || AText.Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHostName(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length < 2 || domain.Length > 253)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return !labels[^1].All(char.IsAsciiDigit);
    }
}
