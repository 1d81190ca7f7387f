using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using CrmMail.Lambda.Core;

namespace CrmMail.Lambda.RuntimeSupport;

/// <summary>
/// The Lambda Runtime API (2018-06-01): next invocation, response, invocation error and
/// init error. Mirrors <c>Amazon.Lambda.RuntimeSupport.RuntimeApiClient</c>.
/// </summary>
public sealed class RuntimeApiClient
{
    /// <summary>The content type Lambda expects on error reports.</summary>
    public const string ErrorContentType = "application/vnd.aws.lambda.error+json";

    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private readonly HttpClient _httpClient;
    private readonly Uri _baseUri;

    /// <summary>
    /// Creates a client for <paramref name="runtimeApi"/> (host:port). The <see cref="HttpClient"/>
    /// must have an infinite timeout: <c>/next</c> is a long poll that blocks while the sandbox is frozen.
    /// </summary>
    public RuntimeApiClient(HttpClient httpClient, string runtimeApi)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        _httpClient = httpClient;
        _baseUri = new Uri($"http://{runtimeApi}/2018-06-01/", UriKind.Absolute);
    }

    /// <summary>Waits for the next event. The returned stream holds the whole event body.</summary>
    public async Task<(RuntimeHeaders Headers, Stream Body)> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _httpClient.GetAsync(new Uri(_baseUri, "runtime/invocation/next"), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var headers = new RuntimeHeaders
        {
            RequestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
                ?? throw new InvalidOperationException("The Runtime API sent no Lambda-Runtime-Aws-Request-Id."),
            DeadlineMs = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var deadline) ? deadline : 0,
            InvokedFunctionArn = Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            TraceId = Header(response, "Lambda-Runtime-Trace-Id"),
            ClientContext = Header(response, "Lambda-Runtime-Client-Context"),
            CognitoIdentity = Header(response, "Lambda-Runtime-Cognito-Identity"),
        };
        var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), writable: false);
        return (headers, body);
    }

    /// <summary>Posts the handler's output for <paramref name="requestId"/>.</summary>
    public async Task SendResponseAsync(string requestId, Stream output, CancellationToken cancellationToken)
    {
        using var content = new StreamContent(output);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _httpClient.PostAsync(InvocationUri(requestId, "response"), content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Reports that the handler failed for <paramref name="requestId"/>.</summary>
    public Task ReportInvocationErrorAsync(string requestId, Exception exception, CancellationToken cancellationToken)
        => PostErrorAsync(InvocationUri(requestId, "error"), exception, cancellationToken);

    /// <summary>Reports that initialisation failed; the process should exit afterwards.</summary>
    public Task ReportInitializationErrorAsync(Exception exception, CancellationToken cancellationToken)
        => PostErrorAsync(new Uri(_baseUri, "runtime/init/error"), exception, cancellationToken);

    /// <summary>The JSON body Lambda expects for an error: errorType, errorMessage, stackTrace.</summary>
    public static byte[] FormatError(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("errorType", ErrorType(exception));
            writer.WriteString("errorMessage", exception.Message);
            writer.WriteStartArray("stackTrace");
            foreach (var line in (exception.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The error type Lambda shows: the exception's type name.</summary>
    public static string ErrorType(Exception exception) => exception?.GetType().Name ?? "Exception";

    private async Task PostErrorAsync(Uri uri, Exception exception, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(FormatError(exception));
        content.Headers.ContentType = new MediaTypeHeaderValue(ErrorContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, ErrorType(exception));
        using var response = await _httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private Uri InvocationUri(string requestId, string action)
        => new(_baseUri, $"runtime/invocation/{Uri.EscapeDataString(requestId)}/{action}");

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
