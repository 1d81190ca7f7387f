using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace CrmMail.Cli.Campaigns;

/// <summary>
/// The campaign API over HTTP for the CLI: the stage URL and API key, JSON in and out through
/// JsonDocument (no reflection: the CLI is AOT-clean). An answer of 4xx or 5xx becomes a
/// <see cref="CliFailureException"/> carrying the API's error code, message and every detail
/// line; an unreachable API, one naming the URL.
/// </summary>
internal sealed class CampaignApi(HttpClient http, Uri stageUrl, string apiKey)
{
    public Uri StageUrl => stageUrl;

    /// <summary>POST /campaigns/uploads: the key and the presigned PUT URL.</summary>
    public async Task<(string Key, Uri Url)> UploadTicketAsync(CancellationToken cancellationToken)
    {
        using var reply = await SendAsync(HttpMethod.Post, "campaigns/uploads", null, null, cancellationToken).ConfigureAwait(false);
        var root = reply.RootElement;
        return (root.GetProperty("key").GetString()!, new Uri(root.GetProperty("url").GetString()!));
    }

    /// <summary>PUTs the list's bytes to a presigned URL (no API key: the URL is the permission).</summary>
    public async Task PutListAsync(Uri url, byte[] list, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(list) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var response = await CallAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new CliFailureException(string.Create(CultureInfo.InvariantCulture, $"the recipient list upload was refused ({(int)response.StatusCode}); nothing was sent"));
        }
    }

    /// <summary>POST /campaigns with <paramref name="idempotencyKey"/>: the campaign id.</summary>
    public async Task<string> CreateAsync(string body, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var reply = await SendAsync(HttpMethod.Post, "campaigns", body, idempotencyKey, cancellationToken).ConfigureAwait(false);
        return reply.RootElement.GetProperty("campaignId").GetString()!;
    }

    /// <summary>GET /campaigns/{id}.</summary>
    public async Task<CampaignStatus> StatusAsync(string id, CancellationToken cancellationToken)
    {
        using var reply = await SendAsync(HttpMethod.Get, "campaigns/" + Uri.EscapeDataString(id), null, null, cancellationToken).ConfigureAwait(false);
        return CampaignStatus.Read(reply.RootElement);
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, string? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(stageUrl, path));
        request.Headers.Add("x-api-key", apiKey);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await CallAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new CliFailureException(Describe(response.StatusCode, text));
        }

        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw new CliFailureException(string.Create(CultureInfo.InvariantCulture, $"the API at {stageUrl} answered {(int)response.StatusCode} without a JSON body"));
        }
    }

    private async Task<HttpResponseMessage> CallAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new CliFailureException($"cannot reach {request.RequestUri!.GetLeftPart(UriPartial.Authority)} ({exception.Message}); is crm-mail serve running, or is --api right?");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailureException($"no answer from {request.RequestUri!.GetLeftPart(UriPartial.Authority)} in time");
        }
    }

    /// <summary>The API's error body as lines: status, code and message, then one line per detail.</summary>
    internal static string Describe(HttpStatusCode status, string text)
    {
        var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"the API answered {(int)status}");
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                line.Append(' ').Append(error.TryGetProperty("code", out var code) ? code.GetString() : "error")
                    .Append(": ").Append(error.TryGetProperty("message", out var message) ? message.GetString() : string.Empty);
                if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
                {
                    foreach (var detail in details.EnumerateArray())
                    {
                        line.Append('\n').Append("  ")
                            .Append(detail.TryGetProperty("field", out var field) ? field.GetString() : string.Empty).Append(": ")
                            .Append(detail.TryGetProperty("message", out var what) ? what.GetString() : string.Empty);
                    }
                }

                return line.ToString();
            }

            // API Gateway's own answers ({"message":"Forbidden"}: a wrong API key).
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var gateway))
            {
                return line.Append(": ").Append(gateway.GetString()).Append(status == HttpStatusCode.Forbidden ? " (check --api-key)" : string.Empty).ToString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status says enough.
        }

        return line.ToString();
    }
}
