using System.Text.RegularExpressions;

namespace CrmMail.Inbound.Events;

/// <summary>
/// Free text a provider reports about an event (an SMTP reply, a diagnostic, a user agent) as it
/// may be stored: a receiving server's words can quote the address, which never reaches a table,
/// so anything shaped like an address becomes <c>[address]</c>; and the text is cut to
/// <see cref="MaxLength"/>.
/// </summary>
public static partial class DetailText
{
    /// <summary>The longest detail kept, in characters.</summary>
    public const int MaxLength = 512;

    /// <summary>Adds <paramref name="value"/>, cleaned, to <paramref name="details"/> as <paramref name="name"/>; nothing when it is empty.</summary>
    public static void Add(IDictionary<string, string> details, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (value is not { Length: > 0 })
        {
            return;
        }

        var clean = Address().Replace(value, "[address]");
        details[name] = clean.Length > MaxLength ? clean[..MaxLength] : clean;
    }

    [GeneratedRegex(@"[^\s<>""'(),;:]+@[^\s<>""'(),;:]+", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
