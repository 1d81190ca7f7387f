using System.Text.Json;
using Amazon.CDK.AWS.APIGateway;

namespace CrmMail.Infra.Api;

/// <summary>
/// The stage's access log line: one JSON object per request with API Gateway's standard
/// fields (request id, source IP, time, method, resource path, status, protocol, response
/// length) plus latencies, the API key id, the gateway error type, the WAF verdict and the
/// X-Ray trace id. Nothing more about the caller than API Gateway's default format: no
/// user agent, no query string (the resource path is the template, so an unsubscribe token
/// never reaches the log), no bodies and no validation error strings (they can quote body
/// values such as addresses).
/// </summary>
public static class ApiAccessLog
{
    /// <summary>Field name and the <c>$context</c> variable it logs, in line order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Fields { get; } =
    [
        new("requestId", "$context.requestId"),
        new("ip", "$context.identity.sourceIp"),
        new("requestTime", "$context.requestTime"),
        new("httpMethod", "$context.httpMethod"),
        new("resourcePath", "$context.resourcePath"),
        new("status", "$context.status"),
        new("protocol", "$context.protocol"),
        new("responseLength", "$context.responseLength"),
        new("responseLatency", "$context.responseLatency"),
        new("integrationLatency", "$context.integrationLatency"),
        // Which CRM key called send-mail (an id, not the key); "-" on the public routes.
        new("apiKeyId", "$context.identity.apiKeyId"),
        // BAD_REQUEST_BODY (schema), THROTTLED, QUOTA_EXCEEDED, WAF_FILTERED, …; "-" when none.
        new("errorType", "$context.error.responseType"),
        new("waf", "$context.wafResponseCode"),
        new("xrayTraceId", "$context.xrayTraceId"),
    ];

    /// <summary>The format: every value quoted, so a missing one ("-") never breaks the JSON.</summary>
    public static AccessLogFormat Format => AccessLogFormat.Custom(JsonSerializer.Serialize(Fields.ToDictionary(f => f.Key, f => f.Value)));
}
