using CrmMail.Hosting.Responses;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Mail.Validation;

namespace CrmMail.Aws.ApiGateway;

/// <summary>
/// A failed <see cref="SendMailValidator"/> result as HTTP, the same for send-mail and
/// POST /campaigns: 413 <c>too_many_recipients</c> or <c>too_many_reports</c> when a count limit
/// was exceeded, else 400 <c>validation_failed</c>; every field error is in the details.
/// </summary>
public static class ValidationResponses
{
    /// <summary>The answer for the invalid <paramref name="validation"/>.</summary>
    public static APIGatewayProxyResponse For(SendMailValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var details = validation.Errors.Select(e => new ApiErrorDetail(e.Field, e.Message)).ToList();
        if (validation.LimitExceeded is { } limit)
        {
            return ApiResponses.Error(413, limit.Field == "to" ? "too_many_recipients" : "too_many_reports", limit.Message, details);
        }

        return ApiResponses.Error(400, "validation_failed", "The request is invalid.", details);
    }
}
