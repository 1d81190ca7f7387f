namespace CrmMail.Mail.Transport;

/// <summary>Where Mailgun is: the sending domain and the US or EU API (or an override for tests).</summary>
public sealed record MailgunOptions(string Domain, Uri BaseUrl)
{
    /// <summary>US region API.</summary>
    public static readonly Uri UsBaseUrl = new("https://api.mailgun.net");

    /// <summary>EU region API.</summary>
    public static readonly Uri EuBaseUrl = new("https://api.eu.mailgun.net");
}
