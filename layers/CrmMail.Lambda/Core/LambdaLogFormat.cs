namespace CrmMail.Lambda.Core;

/// <summary>The two log formats Lambda supports (<c>AWS_LAMBDA_LOG_FORMAT</c>).</summary>
public enum LambdaLogFormat
{
    /// <summary>Plain lines: timestamp, request id, level, message, fields as key=value.</summary>
    Text = 0,

    /// <summary>One JSON object per line.</summary>
    Json = 1,
}
