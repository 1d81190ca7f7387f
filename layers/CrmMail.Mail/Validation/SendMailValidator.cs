using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmMail.Mail.Validation;

/// <summary>
/// Checks a send-mail request before anything is sent and lists every problem at once.
/// Header-bound fields (subject, from, reply-to, campaign name, custom ids) may not hold CR or
/// LF, so no header can be injected.
/// </summary>
public sealed partial class SendMailValidator(int maxRecipients, int maxBodyCharacters, int maxReports = SendMailValidator.DefaultMaxReports)
{
    /// <summary>SES and RFC 5322's line limit for the subject.</summary>
    public const int MaxSubjectLength = 998;

    /// <summary>The default limit on report ids (customIds) per request.</summary>
    public const int DefaultMaxReports = 20;

    /// <summary>
    /// Validates; the result's <see cref="SendMailValidation.LimitExceeded"/> is the first count
    /// limit exceeded, one of its errors: the recipients (field <c>to</c>) or the report ids
    /// (field <c>customIds</c>), both counted after duplicates are removed.
    /// </summary>
    public SendMailValidation Validate(SendMailRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<FieldError>();
        FieldError? limitExceeded = null;

        var recipients = new List<string>();
        if (request.To is not { Count: > 0 })
        {
            problems.Add(new("to", "At least one recipient is required."));
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < request.To.Count; i++)
            {
                if (!AddressSyntax.TryNormalizeAddress(request.To[i], out var address))
                {
                    problems.Add(new($"to[{i}]", "Not a valid e-mail address."));
                }
                else if (seen.Add(address))
                {
                    // A duplicate would get the same mail twice; it is sent once.
                    recipients.Add(address);
                }
            }

            // Counted after de-duplication: the limit is on messages sent, not on list entries.
            if (recipients.Count > maxRecipients)
            {
                limitExceeded = new("to", $"At most {maxRecipients} distinct recipients per request; split the campaign.");
                problems.Add(limitExceeded);
            }
        }

        var subject = request.Subject;
        if (string.IsNullOrWhiteSpace(subject))
        {
            problems.Add(new("subject", "A subject is required."));
        }
        else if (subject.Length > MaxSubjectLength)
        {
            problems.Add(new("subject", $"At most {MaxSubjectLength} characters."));
        }
        else if (HasLineBreakOrControl(subject))
        {
            problems.Add(new("subject", "Must be one line without control characters."));
        }

        if (!AddressSyntax.TryNormalizeMailbox(request.From, out var from))
        {
            problems.Add(new("from", "Not a valid sender (address or \"Name <address>\", one line)."));
        }

        string? replyTo = null;
        if (request.ReplyTo is not null && !AddressSyntax.TryNormalizeMailbox(request.ReplyTo, out replyTo))
        {
            problems.Add(new("replyTo", "Not a valid reply-to address (one line)."));
        }

        if (string.IsNullOrWhiteSpace(request.Html))
        {
            problems.Add(new("html", "An HTML body is required."));
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            problems.Add(new("text", "A text body is required."));
        }

        if ((request.Html?.Length ?? 0) + (request.Text?.Length ?? 0) > maxBodyCharacters)
        {
            problems.Add(new("html", $"html and text together are limited to {maxBodyCharacters} characters."));
        }

        CampaignType? type = request.Campaign?.Type switch
        {
            "financial" => CampaignType.Financial,
            "newsletter" => CampaignType.Newsletter,
            _ => null,
        };
        if (request.Campaign is null)
        {
            problems.Add(new("campaign", "A campaign {name, type} is required."));
        }
        else
        {
            if (type is null)
            {
                problems.Add(new("campaign.type", "Must be financial or newsletter."));
            }

            if (string.IsNullOrWhiteSpace(request.Campaign.Name) || request.Campaign.Name.Length > 256 || HasLineBreakOrControl(request.Campaign.Name))
            {
                problems.Add(new("campaign.name", "A one-line name of at most 256 characters is required."));
            }
        }

        var reports = request.AttachReporting == true ? ValidateReports(request, problems) : null;
        if (reports is not null && reports.CustomIds.Count > maxReports)
        {
            // Each id is one HeadObject and one signed link in every message; the limit keeps
            // both within the request's time and the message's size.
            var reportLimit = new FieldError("customIds", $"At most {maxReports} distinct customIds per request.");
            limitExceeded ??= reportLimit;
            problems.Add(reportLimit);
        }

        return problems.Count == 0
            ? new SendMailValidation(new SendMailCommand(recipients, from, replyTo, subject!, request.Html!, request.Text!, request.Campaign!.Name!.Trim(), type!.Value, reports), [], null)
            : new SendMailValidation(null, problems, limitExceeded);
    }

    private static ReportSelection? ValidateReports(SendMailRequest request, List<FieldError> problems)
    {
        var month = Number(request.Campaign?.Month ?? request.Month);
        var year = Number(request.Campaign?.Year ?? request.Year);
        var ok = true;
        if (month is null || !MonthPattern().IsMatch(month))
        {
            problems.Add(new("month", "With attachReporting, a month 01–12 is required."));
            ok = false;
        }

        if (year is null || !YearPattern().IsMatch(year))
        {
            problems.Add(new("year", "With attachReporting, a four-digit year is required."));
            ok = false;
        }

        var ids = new List<string>();
        if (request.CustomIds is not { Count: > 0 })
        {
            problems.Add(new("customIds", "With attachReporting, at least one customId is required."));
            ok = false;
        }
        else
        {
            for (var i = 0; i < request.CustomIds.Count; i++)
            {
                var id = request.CustomIds[i];
                if (id is null || !CustomIdPattern().IsMatch(id))
                {
                    problems.Add(new($"customIds[{i}]", "Must match [A-Za-z0-9_-]{1,64}."));
                    ok = false;
                }
                else if (!ids.Contains(id, StringComparer.Ordinal))
                {
                    ids.Add(id);
                }
            }
        }

        return ok ? new ReportSelection(year!, month!.PadLeft(2, '0'), ids) : null;
    }

    // Month and year arrive as strings or numbers; both are accepted, nothing else.
    private static string? Number(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var n) => n.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static bool HasLineBreakOrControl(string value) => value.Any(char.IsControl);

    [GeneratedRegex(@"^(0?[1-9]|1[0-2])\z")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^[0-9]{4}\z")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex CustomIdPattern();
}
