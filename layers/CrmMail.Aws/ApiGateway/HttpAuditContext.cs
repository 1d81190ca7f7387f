using CrmMail.Hosting.Http;
using CrmMail.Lambda.Core;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Aws.ApiGateway;

/// <summary>The audit context of an API request: API Gateway's request id as event id, and the caller's details.</summary>
public static class HttpAuditContext
{
    /// <summary>Builds it from the request and the invocation.</summary>
    public static AuditContext For(RequestView view, ILambdaContext context, AuditSource source)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(context);
        return new AuditContext
        {
            EventId = view.RequestId ?? context.AwsRequestId,
            Source = source,
            RequestId = context.AwsRequestId,
            Method = view.Method,
            SourceIp = view.SourceIp,
            UserAgent = view.UserAgent,
        };
    }
}
