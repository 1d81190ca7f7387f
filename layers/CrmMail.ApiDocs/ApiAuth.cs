namespace CrmMail.ApiDocs;

/// <summary>How an operation authenticates its caller, as the OpenAPI document states it.</summary>
public enum ApiAuth
{
    /// <summary>No credential: the request carries its own proof (a signed token) or needs none (CORS preflight).</summary>
    None = 0,

    /// <summary>API Gateway's usage-plan key in the <c>x-api-key</c> header (the route's <c>RequiresApiKey</c>).</summary>
    ApiKey = 1,

    /// <summary>A Firebase ID token as <c>Authorization: Bearer</c>, verified by the function.</summary>
    FirebaseBearer = 2,

    /// <summary>A Firebase ID token, or instead a signed resubscribe token in the body (add-contact from the confirmation page).</summary>
    FirebaseBearerOrBodyToken = 3,

    /// <summary>Mailgun's HMAC-SHA256 signature inside the body (not an HTTP security scheme: described in the operation).</summary>
    MailgunSignature = 4,
}
