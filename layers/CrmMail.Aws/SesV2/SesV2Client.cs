using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CrmMail.Aws.Http;
using CrmMail.Aws.SigV4;
using CrmMail.Kernel.Resilience;
using Polly;
using Polly.Timeout;

namespace CrmMail.Aws.SesV2;

/// <summary>
/// The SES v2 operations the suite needs, over REST-JSON with SigV4 (signing name <c>ses</c>),
/// request shapes as botocore's model has them. Every call runs through the
/// <see cref="DependencyPipeline"/>: throttling, 5xx (except ConcurrentModification, which
/// needs a fresh read) and network failures are retried, each attempt and the call are timed
/// out, and the caller's token (the invocation's deadline) ends it all; every other error is a
/// typed <see cref="SesError"/>.
/// </summary>
public sealed class SesV2Client
{
    private readonly HttpClient _http;
    private readonly SesV2ClientOptions _options;
    private readonly IAwsCredentialsSource _credentials;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline<SesAttempt> _pipeline;
    private readonly SigV4RequestSigner _signer;

    /// <summary>Creates the client; the <see cref="HttpClient"/> is shared for the container's life.</summary>
    /// <param name="http">The container's HttpClient.</param>
    /// <param name="options">Region and endpoint.</param>
    /// <param name="credentials">Signing credentials.</param>
    /// <param name="timeProvider">The clock for signatures, back-offs and timeouts.</param>
    /// <param name="policy">Retry and timeout numbers (default <see cref="DependencyPolicy.Default"/>).</param>
    public SesV2Client(HttpClient http, SesV2ClientOptions options, IAwsCredentialsSource credentials, TimeProvider timeProvider, DependencyPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _http = http;
        _options = options;
        _credentials = credentials;
        _timeProvider = timeProvider;
        _pipeline = DependencyPipeline.Create<SesAttempt>(policy ?? DependencyPolicy.Default, timeProvider, static attempt => attempt.Error is { IsTransient: true });
        _signer = new SigV4RequestSigner("ses", options.Region);
    }

    /// <summary>GetContact.</summary>
    public Task<SesResult<SesContact>> GetContactAsync(string contactListName, string email, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Get, ContactPath(contactListName, email), null, SesJsonContext.Default.SesContact, cancellationToken);

    /// <summary>CreateContact.</summary>
    public Task<SesResult<SesEmpty>> CreateContactAsync(string contactListName, SesCreateContactRequest request, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Post, $"/v2/email/contact-lists/{Uri.EscapeDataString(contactListName)}/contacts", Json(request, SesJsonContext.Default.SesCreateContactRequest), SesJsonContext.Default.SesEmpty, cancellationToken);

    /// <summary>UpdateContact: preferences left out are removed.</summary>
    public Task<SesResult<SesEmpty>> UpdateContactAsync(string contactListName, string email, SesUpdateContactRequest request, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Put, ContactPath(contactListName, email), Json(request, SesJsonContext.Default.SesUpdateContactRequest), SesJsonContext.Default.SesEmpty, cancellationToken);

    /// <summary>ListContacts: one page.</summary>
    public Task<SesResult<SesListContactsResponse>> ListContactsAsync(string contactListName, SesListContactsRequest request, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Post, $"/v2/email/contact-lists/{Uri.EscapeDataString(contactListName)}/contacts/list", Json(request, SesJsonContext.Default.SesListContactsRequest), SesJsonContext.Default.SesListContactsResponse, cancellationToken);

    /// <summary>Every contact matching <paramref name="filter"/>, page after page.</summary>
    /// <exception cref="SesException">A page failed after retries.</exception>
    public async IAsyncEnumerable<SesContact> ListAllContactsAsync(string contactListName, SesListContactsFilter? filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? nextToken = null;
        do
        {
            var page = await ListContactsAsync(contactListName, new SesListContactsRequest { Filter = filter, PageSize = 1000, NextToken = nextToken }, cancellationToken).ConfigureAwait(false);
            if (!page.IsSuccess)
            {
                throw new SesException(page.Error);
            }

            foreach (var contact in page.Value!.Contacts ?? [])
            {
                yield return contact;
            }

            nextToken = page.Value.NextToken;
        }
        while (!string.IsNullOrEmpty(nextToken));
    }

    /// <summary>CreateContactList (used to provision a local endpoint; the stack declares the real list).</summary>
    public Task<SesResult<SesEmpty>> CreateContactListAsync(SesCreateContactListRequest request, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Post, "/v2/email/contact-lists", Json(request, SesJsonContext.Default.SesCreateContactListRequest), SesJsonContext.Default.SesEmpty, cancellationToken);

    /// <summary>CreateEmailIdentity (used to provision a local endpoint: a sending domain or address).</summary>
    public Task<SesResult<SesEmpty>> CreateEmailIdentityAsync(string emailIdentity, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Post, "/v2/email/identities", Json(new SesCreateEmailIdentityRequest(emailIdentity), SesJsonContext.Default.SesCreateEmailIdentityRequest), SesJsonContext.Default.SesEmpty, cancellationToken);

    /// <summary>SendEmail.</summary>
    public Task<SesResult<SesSendEmailResponse>> SendEmailAsync(SesSendEmailRequest request, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Post, "/v2/email/outbound-emails", Json(request, SesJsonContext.Default.SesSendEmailRequest), SesJsonContext.Default.SesSendEmailResponse, cancellationToken);

    /// <summary>CreateEmailTemplate.</summary>
    public Task<SesResult<SesEmpty>> CreateEmailTemplateAsync(SesCreateEmailTemplateRequest request, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Post, "/v2/email/templates", Json(request, SesJsonContext.Default.SesCreateEmailTemplateRequest), SesJsonContext.Default.SesEmpty, cancellationToken);

    /// <summary>UpdateEmailTemplate: replaces the template's content.</summary>
    public Task<SesResult<SesEmpty>> UpdateEmailTemplateAsync(string templateName, SesUpdateEmailTemplateRequest request, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Put, TemplatePath(templateName), Json(request, SesJsonContext.Default.SesUpdateEmailTemplateRequest), SesJsonContext.Default.SesEmpty, cancellationToken);

    /// <summary>GetEmailTemplate.</summary>
    public Task<SesResult<SesGetEmailTemplateResponse>> GetEmailTemplateAsync(string templateName, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Get, TemplatePath(templateName), null, SesJsonContext.Default.SesGetEmailTemplateResponse, cancellationToken);

    /// <summary>ListEmailTemplates: one page of at most <paramref name="pageSize"/> (SES allows 1 to 100).</summary>
    public Task<SesResult<SesListEmailTemplatesResponse>> ListEmailTemplatesAsync(string? nextToken, int pageSize, CancellationToken cancellationToken)
    {
        // In botocore's member order (NextToken, PageSize); SigV4 sorts the query anyway.
        var query = (nextToken is null ? "?" : "?NextToken=" + Uri.EscapeDataString(nextToken) + "&") + "PageSize=" + pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return SendAsync(HttpMethod.Get, "/v2/email/templates" + query, null, SesJsonContext.Default.SesListEmailTemplatesResponse, cancellationToken);
    }

    /// <summary>DeleteEmailTemplate.</summary>
    public Task<SesResult<SesEmpty>> DeleteEmailTemplateAsync(string templateName, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Delete, TemplatePath(templateName), null, SesJsonContext.Default.SesEmpty, cancellationToken);

    /// <summary>Builds the signed request exactly as it goes on the wire (exposed for request-shape tests).</summary>
    internal async Task<HttpRequestMessage> BuildRequestAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, new Uri(_options.Endpoint, path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        _signer.Sign(request, body ?? [], credentials, _timeProvider.GetUtcNow());
        return request;
    }

    internal static string ContactPath(string contactListName, string email)
        => $"/v2/email/contact-lists/{Uri.EscapeDataString(contactListName)}/contacts/{Uri.EscapeDataString(email)}";

    internal static string TemplatePath(string templateName) => "/v2/email/templates/" + Uri.EscapeDataString(templateName);

    private static byte[] Json<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    private async Task<SesResult<T>> SendAsync<T>(HttpMethod method, string path, byte[]? body, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        SesAttempt attempt;
        try
        {
            attempt = await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = await BuildRequestAsync(method, path, body, token).ConfigureAwait(false);
                    using var response = await _http.SendAsync(request, token).ConfigureAwait(false);
                    var bytes = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                    return new SesAttempt(bytes, response.IsSuccessStatusCode ? null : ParseError(response, bytes));
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            // Out of attempts or of the call's time; the caller's own deadline is not caught here.
            var message = exception is TimeoutRejectedException ? "The SES request timed out." : exception.Message;
            return SesResult<T>.Failure(new SesError(SesErrorCode.ServiceUnavailable, 0, message));
        }

        if (attempt.Error is { } error)
        {
            return SesResult<T>.Failure(error);
        }

        try
        {
            var value = attempt.Body.Length == 0 ? JsonSerializer.Deserialize("{}"u8, responseType) : JsonSerializer.Deserialize(attempt.Body, responseType);
            return SesResult<T>.Success(value!);
        }
        catch (JsonException exception)
        {
            return SesResult<T>.Failure(new SesError(SesErrorCode.Unknown, 200, "Unreadable SES response: " + exception.Message));
        }
    }

    private static SesError ParseError(HttpResponseMessage response, byte[] body)
    {
        SesErrorBody? parsed = null;
        try
        {
            parsed = body.Length > 0 ? JsonSerializer.Deserialize(body, SesJsonContext.Default.SesErrorBody) : null;
        }
        catch (JsonException)
        {
            // A proxy's HTML error page: the status code is all there is.
        }

        var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        type ??= parsed?.Type ?? parsed?.Code ?? string.Empty;
        type = type.Split(':')[0].Split('#')[^1];
        var status = (int)response.StatusCode;
        var code = type switch
        {
            "NotFoundException" => SesErrorCode.NotFound,
            "AlreadyExistsException" => SesErrorCode.AlreadyExists,
            "BadRequestException" => SesErrorCode.BadRequest,
            "TooManyRequestsException" or "ThrottlingException" => SesErrorCode.TooManyRequests,
            "ConcurrentModificationException" => SesErrorCode.ConcurrentModification,
            "MessageRejected" => SesErrorCode.MessageRejected,
            "SendingPausedException" => SesErrorCode.SendingPaused,
            "AccountSuspendedException" => SesErrorCode.AccountSuspended,
            "LimitExceededException" => SesErrorCode.LimitExceeded,
            "MailFromDomainNotVerifiedException" => SesErrorCode.MailFromDomainNotVerified,
            "AccessDeniedException" or "UnrecognizedClientException" or "InvalidSignatureException" or "SignatureDoesNotMatch" or "InvalidClientTokenId" => SesErrorCode.AccessDenied,
            _ when response.StatusCode == HttpStatusCode.TooManyRequests => SesErrorCode.TooManyRequests,
            _ when response.StatusCode == HttpStatusCode.NotFound => SesErrorCode.NotFound,
            _ when response.StatusCode == HttpStatusCode.Forbidden => SesErrorCode.AccessDenied,
            _ when status >= 500 => SesErrorCode.ServiceUnavailable,
            _ => SesErrorCode.Unknown,
        };
        return new SesError(code, status, parsed?.Message ?? parsed?.MessageUpper ?? type);
    }

    /// <summary>One attempt's answer: the body, and the typed error unless it succeeded.</summary>
    private sealed record SesAttempt(byte[] Body, SesError? Error);
}
