using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;
using CrmMail.Mail.Templates;
using Polly;

namespace CrmMail.Mail.Transport;

/// <summary>
/// Templates as Mailgun stored templates (<c>/v3/{domain}/templates</c>): the html is the active
/// version's <c>template</c>, the subject its <c>Subject</c> header; Mailgun templates have no
/// text part. Put creates the template and, when it exists (409), adds a new active version.
/// Calls run through the <see cref="DependencyPipeline"/> (429, 5xx and network failures
/// retried); what still fails is a <see cref="DependencyUnavailableException"/> naming the
/// status only, never Mailgun's message or the endpoint.
/// </summary>
/// <param name="http">The container's HttpClient.</param>
/// <param name="options">Domain and API base URL.</param>
/// <param name="apiKey">Reads the API key (cached by the caller).</param>
/// <param name="timeProvider">The clock for back-offs, timeouts and version tags.</param>
/// <param name="policy">Retry and timeout numbers (default <see cref="DependencyPolicy.Default"/>).</param>
public sealed class MailgunTemplateStore(HttpClient http, MailgunOptions options, Func<CancellationToken, Task<string>> apiKey, TimeProvider timeProvider, DependencyPolicy? policy = null) : IEmailTemplateStore
{
    private readonly ResiliencePipeline<Reply> _pipeline = DependencyPipeline.Create<Reply>(
        policy ?? DependencyPolicy.Default, timeProvider, static reply => reply.Status is 429 or >= 500);

    /// <inheritdoc />
    public async Task<EmailTemplate?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(HttpMethod.Get, Path(name) + "?active=yes", null, cancellationToken).ConfigureAwait(false);
        if (reply.Status == 404)
        {
            return null;
        }

        Expect(reply, "get");
        using var document = JsonDocument.Parse(reply.Body);
        if (!document.RootElement.TryGetProperty("template", out var template) || !template.TryGetProperty("version", out var version))
        {
            // A template without an active version cannot be sent.
            return null;
        }

        var html = version.TryGetProperty("template", out var body) && body.ValueKind == JsonValueKind.String ? body.GetString() : null;
        string? subject = null;
        if (version.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object && headers.TryGetProperty("Subject", out var subjectElement) && subjectElement.ValueKind == JsonValueKind.String)
        {
            subject = subjectElement.GetString();
        }

        return new EmailTemplate(name, subject, html, null);
    }

    /// <inheritdoc />
    public async Task PutAsync(EmailTemplate template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        var tag = "v" + timeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("name", template.Name),
            new("template", template.Html ?? string.Empty),
            new("engine", "handlebars"),
            new("tag", tag),
        };
        if (template.Subject is not null)
        {
            fields.Add(new("headers", JsonSerializer.Serialize(new Dictionary<string, string> { ["Subject"] = template.Subject }, MailgunTemplateJsonContext.Default.DictionaryStringString)));
        }

        var created = await SendAsync(HttpMethod.Post, $"/v3/{Uri.EscapeDataString(options.Domain)}/templates", fields, cancellationToken).ConfigureAwait(false);
        if (created.Status == 409)
        {
            fields.RemoveAt(0);
            fields.Add(new("active", "yes"));
            Expect(await SendAsync(HttpMethod.Post, Path(template.Name) + "/versions", fields, cancellationToken).ConfigureAwait(false), "add a version to");
            return;
        }

        Expect(created, "create");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var path = $"/v3/{Uri.EscapeDataString(options.Domain)}/templates?limit=100";
        while (true)
        {
            var reply = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            Expect(reply, "list");
            using var document = JsonDocument.Parse(reply.Body);
            var items = document.RootElement.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
            names.AddRange(items.Select(i => i.TryGetProperty("name", out var n) ? n.GetString() : null).OfType<string>());
            if (items.Count == 0 || !document.RootElement.TryGetProperty("paging", out var paging) || !paging.TryGetProperty("next", out var next)
                || next.GetString() is not { } nextUrl || !Uri.TryCreate(nextUrl, UriKind.Absolute, out var nextUri))
            {
                return names;
            }

            // Only the path and query of Mailgun's next link: the host stays ours.
            path = nextUri.PathAndQuery;
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(HttpMethod.Delete, Path(name), null, cancellationToken).ConfigureAwait(false);
        if (reply.Status == 404)
        {
            return false;
        }

        Expect(reply, "delete");
        return true;
    }

    private string Path(string name) => $"/v3/{Uri.EscapeDataString(options.Domain)}/templates/{Uri.EscapeDataString(name)}";

    private static void Expect(Reply reply, string what)
    {
        if (reply.Status is < 200 or >= 300)
        {
            throw new DependencyUnavailableException(string.Create(CultureInfo.InvariantCulture, $"Mailgun could not {what} the template: HTTP {reply.Status}."));
        }
    }

    private async Task<Reply> SendAsync(HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>>? form, CancellationToken cancellationToken)
    {
        var key = await apiKey(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(method, new Uri(options.BaseUrl, path));
                    if (form is not null)
                    {
                        request.Content = new FormUrlEncodedContent(form);
                    }

                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("api:" + key)));
                    using var response = await http.SendAsync(request, token).ConfigureAwait(false);
                    return new Reply((int)response.StatusCode, await response.Content.ReadAsStringAsync(token).ConfigureAwait(false));
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            throw new DependencyUnavailableException("Mailgun's template API is unreachable.", exception);
        }
    }

    /// <summary>One attempt's answer.</summary>
    private sealed record Reply(int Status, string Body);
}
