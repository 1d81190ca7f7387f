namespace CrmMail.Mail.Composition;

/// <summary>
/// The RFC 2369 / RFC 8058 headers: <c>List-Unsubscribe: &lt;https one-click URL&gt;, &lt;mailto:…?subject=unsubscribe%20TOKEN&gt;</c>
/// (https first) and <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>. SES refuses a
/// header value over 870 characters, and the value carries the token twice; when both do not
/// fit (very long addresses make long tokens) the mailto link goes without its token and the
/// mailto handler falls back to the verified From address.
/// </summary>
public sealed class ListUnsubscribe
{
    /// <summary>SES's limit on one header value.</summary>
    public const int MaxHeaderValue = 870;

    private readonly string _baseUrl;
    private readonly string _mailbox;

    /// <summary><paramref name="baseUrl"/> is https and includes the stage; <paramref name="mailbox"/> is the unsubscribe mailbox.</summary>
    public ListUnsubscribe(Uri baseUrl, string mailbox)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        _baseUrl = baseUrl.AbsoluteUri.TrimEnd('/');
        _mailbox = mailbox;
    }

    /// <summary>The one-click https URL for a stream and token.</summary>
    public string HttpsUrl(string stream, string token) => $"{_baseUrl}/{stream}/unsubscribe?data={token}";

    /// <summary>The mailto URL; with the token in its subject when given.</summary>
    public string MailtoUrl(string? token) => token is null ? $"mailto:{_mailbox}?subject=unsubscribe" : $"mailto:{_mailbox}?subject=unsubscribe%20{token}";

    /// <summary>Both headers for a stream and token.</summary>
    public IReadOnlyList<MailHeader> Headers(string stream, string token)
    {
        var https = HttpsUrl(stream, token);
        var value = $"<{https}>, <{MailtoUrl(token)}>";
        if (value.Length > MaxHeaderValue)
        {
            value = $"<{https}>, <{MailtoUrl(null)}>";
        }

        if (value.Length > MaxHeaderValue)
        {
            throw new InvalidOperationException("The one-click URL alone exceeds SES's header limit; shorten the unsubscribe base URL.");
        }

        return [new MailHeader("List-Unsubscribe", value), new MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")];
    }
}
