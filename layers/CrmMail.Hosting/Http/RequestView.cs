using CrmMail.Lambda.APIGatewayEvents;

namespace CrmMail.Hosting.Http;

/// <summary>
/// Case-insensitive, read-only access to what handlers need from a REST proxy event: headers
/// (clients' casing varies), query parameters, the decoded body, caller details.
/// </summary>
public sealed class RequestView
{
    private readonly APIGatewayProxyRequest _request;
    private readonly Dictionary<string, string> _headers;

    /// <summary>Wraps the request.</summary>
    public RequestView(APIGatewayProxyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _request = request;
        _headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.MultiValueHeaders ?? new Dictionary<string, IList<string>>())
        {
            if (values.Count > 0)
            {
                _headers[name] = values[^1];
            }
        }

        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            _headers[name] = value;
        }
    }

    /// <summary>The HTTP method, upper case.</summary>
    public string Method => (_request.HttpMethod ?? string.Empty).ToUpperInvariant();

    /// <summary>The resource template, or the path when there is none.</summary>
    public string Resource => _request.Resource ?? _request.Path ?? string.Empty;

    /// <summary>API Gateway's request id, or null.</summary>
    public string? RequestId => _request.RequestContext?.RequestId;

    /// <summary>The caller's IP as API Gateway saw it.</summary>
    public string? SourceIp => _request.RequestContext?.Identity?.SourceIp;

    /// <summary>The caller's User-Agent.</summary>
    public string? UserAgent => _request.RequestContext?.Identity?.UserAgent ?? Header("User-Agent");

    /// <summary>A header by name, any casing.</summary>
    public string? Header(string name) => _headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>A query parameter (the last value when repeated).</summary>
    public string? Query(string name)
    {
        if (_request.MultiValueQueryStringParameters?.TryGetValue(name, out var values) == true && values.Count > 0)
        {
            return values[^1];
        }

        return _request.QueryStringParameters?.TryGetValue(name, out var value) == true ? value : null;
    }

    /// <summary>
    /// The body as text (base64 decoded when flagged); false when it is flagged base64 and is
    /// not, which handlers answer with 400 (<see cref="RequestBody.InvalidEncoding"/>).
    /// </summary>
    public bool TryBodyText(out string text) => RequestBody.TryDecode(_request, out text);

    /// <summary>The body's fields when it is a form (urlencoded or multipart); empty otherwise or when malformed (bad base64 included).</summary>
    public IReadOnlyDictionary<string, string> FormFields()
        => TryBodyText(out var text) ? FormBody.Parse(Header("Content-Type"), text) : new Dictionary<string, string>(StringComparer.Ordinal);
}
