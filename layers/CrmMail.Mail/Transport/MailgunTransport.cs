using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;
using CrmMail.Mail.Composition;
using CrmMail.Subscriptions;
using Polly;
using Polly.Timeout;

namespace CrmMail.Mail.Transport;

/// <summary>
/// Sends through Mailgun's <c>POST /v3/{domain}/messages</c>: form fields from, to, subject,
/// text, html, <c>h:</c> headers and <c>o:tag</c> (Mailgun keeps at most 3: campaign, campaign
/// type and the <see cref="StreamTag"/> marker), Basic auth
/// <c>api:&lt;key&gt;</c>. Only the caller's checked custom variables go into <c>v:</c> variables
/// (recipients can see them, so tokens and addresses never go there). Sends run through the
/// <see cref="DependencyPipeline"/>: 429, 5xx and network failures are retried with jittered
/// back-off inside its timeouts and the caller's deadline (a 429's <c>Retry-After</c> is the wait
/// instead of the back-off; one longer than the policy's longest back-off ends the retries); a
/// recipient that still fails is reported as unavailable (429, 5xx, timeout: the caller may retry
/// later) or refused (any other 4xx), and the deadline itself reaches the caller as a cancellation.
/// </summary>
/// <param name="http">The container's HttpClient.</param>
/// <param name="options">Domain and API base URL.</param>
/// <param name="apiKey">Reads the API key (cached by the caller).</param>
/// <param name="policy">Retry and timeout numbers (default <see cref="DependencyPolicy.Default"/>).</param>
/// <param name="timeProvider">The clock for back-offs and timeouts (default the system's).</param>
public sealed class MailgunTransport(HttpClient http, MailgunOptions options, Func<CancellationToken, Task<string>> apiKey, DependencyPolicy? policy = null, TimeProvider? timeProvider = null) : IMailTransport
{
    /// <summary>The message id reported when Mailgun accepted a message but its answer named none.</summary>
    public const string UnknownMessageId = "mailgun:accepted-without-id";

    private static readonly string[] TagOrder = ["campaign", "campaign-type", "stream"];

    private readonly ResiliencePipeline<MailgunAttempt> _pipeline = DependencyPipeline.Create<MailgunAttempt>(
        policy ?? DependencyPolicy.Default, timeProvider ?? TimeProvider.System, static attempt => attempt.Status is 429 or >= 500, retryAfter: static attempt => attempt.RetryAfter);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = await apiKey(cancellationToken).ConfigureAwait(false);
        MailgunAttempt attempt;
        try
        {
            attempt = await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUrl, $"/v3/{Uri.EscapeDataString(options.Domain)}/messages"))
                    {
                        Content = new FormUrlEncodedContent(Fields(message)),
                    };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("api:" + key)));
                    using var response = await http.SendAsync(request, token).ConfigureAwait(false);
                    return new MailgunAttempt((int)response.StatusCode, await response.Content.ReadAsStringAsync(token).ConfigureAwait(false), RetryAfter(response));
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            // A short code, never the exception text (it names the endpoint). Not the message's
            // fault: the caller may retry later (503 when nothing went out).
            return SendOutcome.Unavailable(exception is TimeoutRejectedException ? "mailgun:timeout" : "mailgun:unreachable");
        }

        if (attempt.Status is >= 200 and < 300)
        {
            // Mailgun took the message: it counts as sent even when the body carries no id, since
            // reporting it failed would make the caller send it a second time.
            return SendOutcome.Accepted(MessageId(attempt.Body) ?? UnknownMessageId);
        }

        var error = string.Create(CultureInfo.InvariantCulture, $"mailgun:HTTP {attempt.Status}");
        return attempt.Status is 429 or >= 500 ? SendOutcome.Unavailable(error) : SendOutcome.Failed(error);
    }

    /// <summary>The form fields, in order (exposed for exact-field tests).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Fields(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        yield return new("from", message.From);
        yield return new("to", message.To);
        yield return new("subject", message.Subject);
        if (message.Text.Length > 0)
        {
            yield return new("text", message.Text);
        }

        if (message.Html.Length > 0)
        {
            yield return new("html", message.Html);
        }
        if (message.ReplyTo is not null)
        {
            yield return new("h:Reply-To", message.ReplyTo);
        }

        foreach (var header in message.Headers)
        {
            yield return new("h:" + header.Name, header.Value);
        }

        // The caller's custom variables only, checked before they get here (no address, no
        // token): Mailgun shows v: variables to recipients and in its event stream.
        foreach (var variable in message.Variables)
        {
            yield return new("v:" + variable.Name, variable.Value);
        }

        if (message.Tracking?.Opens is { } opens)
        {
            yield return new("o:tracking-opens", opens ? "yes" : "no");
        }

        if (message.Tracking?.Clicks is { } clicks)
        {
            yield return new("o:tracking-clicks", clicks ? "yes" : "no");
        }

        // Mailgun keeps three tags per message; the recipient hash is left out (it would be the
        // fourth, and Mailgun's events already carry the recipient). Mailgun tags are bare
        // strings, so the stream goes as its own marker (stream:financial), the only tag the
        // webhook reads; every other tag is sanitised again here, so none can carry the colon
        // that would forge a marker.
        foreach (var name in TagOrder)
        {
            if (message.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                yield return new("o:tag", name == "stream" ? StreamTag.For(tag.Value) : MailgunTag(tag.Value));
            }
        }
    }

    // Mailgun's tags are ASCII, at most 128 characters.
    private static string MailgunTag(string value)
    {
        var sanitized = MessageComposer.SanitizeTag(value);
        return sanitized.Length <= 128 ? sanitized : sanitized[..128];
    }

    // Only a throttled answer's wait is taken (seconds or an HTTP date, never negative).
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if ((int)response.StatusCode != 429 || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - _time.GetUtcNow() : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static string? MessageId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One attempt's answer.</summary>
    private sealed record MailgunAttempt(int Status, string Body, TimeSpan? RetryAfter);
}
