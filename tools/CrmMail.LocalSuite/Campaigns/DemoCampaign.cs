using System.Globalization;
using CrmMail.Subscriptions;

namespace CrmMail.LocalSuite.Campaigns;

/// <summary>The campaign page's form: a recipient list (one address a line, or CSV whose first column is the address) and the message.</summary>
internal sealed record DemoCampaign(string Recipients, string From, string Subject, string Text, bool Newsletter)
{
    /// <summary>
    /// The pasted list's distinct, normalized addresses, or its bad lines by number (numbered as
    /// pasted, which the API's <c>to[i]</c> could not say); the API checks everything else.
    /// </summary>
    public (IReadOnlyList<string> Addresses, IReadOnlyList<string> Problems) ReadList()
    {
        var problems = new List<string>();
        var recipients = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var line = 0;
        foreach (var raw in Recipients.Split('\n'))
        {
            line++;
            var address = raw.Split(',')[0].Trim().Trim('"');
            if (address.Length == 0 || (line == 1 && address.Equals("email", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (!EmailAddress.IsPlausible(address))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"line {line}: not an email address"));
                continue;
            }

            if (seen.Add(EmailAddress.Normalize(address)))
            {
                recipients.Add(EmailAddress.Normalize(address));
            }
        }

        if (recipients.Count == 0 && problems.Count == 0)
        {
            problems.Add("at least one recipient is needed");
        }

        return (recipients, problems);
    }
}
