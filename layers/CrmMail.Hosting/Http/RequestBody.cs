using System.Text;
using CrmMail.Hosting.Responses;
using CrmMail.Lambda.APIGatewayEvents;

namespace CrmMail.Hosting.Http;

/// <summary>
/// The one decoder of a REST proxy event's body: text as sent, or base64-decoded UTF-8 when
/// API Gateway sets <c>isBase64Encoded</c>. A body flagged base64 that is not base64 is the
/// caller's error (400 <see cref="InvalidEncodingCode"/>), never an exception.
/// </summary>
public static class RequestBody
{
    /// <summary>The error code every function answers for a body that is flagged base64 but is not.</summary>
    public const string InvalidEncodingCode = "invalid_body_encoding";

    /// <summary>The sentence that goes with <see cref="InvalidEncodingCode"/>.</summary>
    public const string InvalidEncodingMessage = "The request body is marked base64-encoded but is not valid base64.";

    /// <summary>The body as text; false (and empty text) when it is flagged base64 and is not valid base64.</summary>
    public static bool TryDecode(APIGatewayProxyRequest request, out string text)
    {
        ArgumentNullException.ThrowIfNull(request);
        text = string.Empty;
        if (request.Body is null)
        {
            return true;
        }

        if (!request.IsBase64Encoded)
        {
            text = request.Body;
            return true;
        }

        // Base64 is 4 characters per 3 bytes: this buffer is always large enough.
        var bytes = new byte[(request.Body.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(request.Body, bytes, out var written))
        {
            return false;
        }

        // Invalid UTF-8 becomes U+FFFD: the parsers downstream refuse what they cannot read.
        text = Encoding.UTF8.GetString(bytes, 0, written);
        return true;
    }

    /// <summary>400 <c>{"error":{"code":"invalid_body_encoding",…}}</c>.</summary>
    public static APIGatewayProxyResponse InvalidEncoding() => ApiResponses.Error(400, InvalidEncodingCode, InvalidEncodingMessage);
}
