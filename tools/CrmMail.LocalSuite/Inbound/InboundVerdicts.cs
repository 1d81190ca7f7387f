namespace CrmMail.LocalSuite.Inbound;

/// <summary>The five verdicts SES's receipt puts in a "Received" notification, each PASS, FAIL or GRAY.</summary>
public sealed record InboundVerdicts(string Spf, string Dkim, string Dmarc, string Spam, string Virus)
{
    /// <summary>The query parameters, in the order they are checked.</summary>
    public static IReadOnlyList<string> Names { get; } = ["spf", "dkim", "dmarc", "spam", "virus"];

    /// <summary>Every verdict the same (the <c>verdict=</c> shorthand; PASS for a mail client's reply).</summary>
    public static InboundVerdicts All(string verdict) => new(verdict, verdict, verdict, verdict, verdict);

    /// <summary>
    /// From query parameters: <c>verdict</c> sets all five (default PASS), then each of
    /// <c>spf</c>, <c>dkim</c>, <c>dmarc</c>, <c>spam</c>, <c>virus</c> overrides its own.
    /// Null and the offending parameter's name when a value is not PASS, FAIL or GRAY.
    /// </summary>
    public static InboundVerdicts? FromQuery(Func<string, string?> query, out string? badParameter)
    {
        ArgumentNullException.ThrowIfNull(query);
        badParameter = null;
        var all = "PASS";
        if (query("verdict") is { Length: > 0 } shorthand)
        {
            if (Parse(shorthand) is not { } parsed)
            {
                badParameter = "verdict";
                return null;
            }

            all = parsed;
        }

        var values = new string[Names.Count];
        for (var i = 0; i < Names.Count; i++)
        {
            values[i] = all;
            if (query(Names[i]) is { Length: > 0 } given)
            {
                if (Parse(given) is not { } parsed)
                {
                    badParameter = Names[i];
                    return null;
                }

                values[i] = parsed;
            }
        }

        return new InboundVerdicts(values[0], values[1], values[2], values[3], values[4]);
    }

    private static string? Parse(string value) => value.ToUpperInvariant() is var upper && upper is "PASS" or "FAIL" or "GRAY" ? upper : null;
}
