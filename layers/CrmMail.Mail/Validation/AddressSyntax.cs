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
    /// A From or Reply-To value: <c>addr-spec</c> or <c>Display Name &lt;addr-spec&gt;</c>, the
    /// name as atoms and quoted strings (<c>"Smith, John"</c>, <c>Dave "The Boss" Smith</c>) in
    /// any script. CR, LF and other control characters are refused anywhere, so no header can
    /// be injected through a name. The result is canonical: the bare address, <c>Name &lt;addr&gt;</c>
    /// when the name is atoms and spaces, otherwise <c>"quoted \"name\"" &lt;addr&gt;</c>; a
    /// non-ASCII name stays UTF-8 here and each transport encodes it as it requires
    /// (<see cref="TrySplitMailbox"/> reads it back).
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

        if (!trimmed.EndsWith('>') || !TryNormalizeAddress(trimmed[(open + 1)..^1], out var address) || !TryDecodePhrase(trimmed[..open], out var name))
        {
            return false;
        }

        mailbox = FormatMailbox(name, address);
        return true;
    }

    /// <summary>
    /// <c>Name &lt;address&gt;</c> with the name bare when it is atoms and spaces, otherwise a
    /// quoted string with <c>"</c> and <c>\</c> escaped; the bare address when there is no name.
    /// </summary>
    public static string FormatMailbox(string? displayName, string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return string.IsNullOrEmpty(displayName) ? address
            : displayName.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ' || AText.Contains(c, StringComparison.Ordinal)) ? $"{displayName} <{address}>"
            : $"\"{displayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\" <{address}>";
    }

    /// <summary>
    /// Splits a mailbox that <see cref="TryNormalizeMailbox"/> produced into its display name
    /// (null when there is none; quotes and escapes removed) and its address.
    /// </summary>
    public static bool TrySplitMailbox(string? mailbox, out string? displayName, out string address)
    {
        displayName = null;
        address = string.Empty;
        if (string.IsNullOrEmpty(mailbox) || mailbox.Any(char.IsControl))
        {
            return false;
        }

        var open = mailbox.LastIndexOf('<');
        if (open < 0)
        {
            address = mailbox.Trim();
            return address.Length > 0;
        }

        if (!mailbox.EndsWith('>') || !TryDecodePhrase(mailbox[..open], out var name))
        {
            return false;
        }

        address = mailbox[(open + 1)..^1];
        displayName = name.Length == 0 ? null : name;
        return address.Length > 0;
    }

    // RFC 5322 phrase: atoms and quoted strings (backslash escapes only inside quotes), read
    // leniently (a comma or dot outside quotes is kept, since it is re-emitted quoted), strictly
    // about what could change the header's structure: no angle bracket or backslash outside
    // quotes, no unterminated quote.
    private static bool TryDecodePhrase(string raw, out string name)
    {
        name = string.Empty;
        var builder = new System.Text.StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '"')
            {
                for (i++; ; i++)
                {
                    if (i >= raw.Length)
                    {
                        return false;
                    }

                    if (raw[i] == '"')
                    {
                        break;
                    }

                    if (raw[i] == '\\')
                    {
                        if (++i >= raw.Length)
                        {
                            return false;
                        }
                    }

                    builder.Append(raw[i]);
                }
            }
            else if (c is '<' or '>' or '\\')
            {
                return false;
            }
            else
            {
                builder.Append(c);
            }
        }

        name = builder.ToString().Trim();
        return name.Length <= 256;
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
