using System.Globalization;
using CrmMail.Lambda.Core;

namespace CrmMail.Lambda.RuntimeSupport;

/// <summary>The variables Lambda sets for every function, read once at start-up.</summary>
public sealed record LambdaEnvironment
{
    /// <summary>AWS_LAMBDA_RUNTIME_API: host and port of the Runtime API.</summary>
    public required string RuntimeApi { get; init; }

    /// <summary>AWS_LAMBDA_FUNCTION_NAME.</summary>
    public string FunctionName { get; init; } = string.Empty;

    /// <summary>AWS_LAMBDA_FUNCTION_VERSION.</summary>
    public string FunctionVersion { get; init; } = string.Empty;

    /// <summary>AWS_LAMBDA_FUNCTION_MEMORY_SIZE.</summary>
    public int MemoryLimitInMB { get; init; }

    /// <summary>AWS_LAMBDA_LOG_GROUP_NAME.</summary>
    public string LogGroupName { get; init; } = string.Empty;

    /// <summary>AWS_LAMBDA_LOG_STREAM_NAME.</summary>
    public string LogStreamName { get; init; } = string.Empty;

    /// <summary>Reads the variables; fails when AWS_LAMBDA_RUNTIME_API is missing (not running under Lambda).</summary>
    public static LambdaEnvironment Read(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var runtimeApi = environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrWhiteSpace(runtimeApi))
        {
            throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set: this binary runs under the Lambda Runtime API (or `crm-mail invoke`).");
        }

        return new LambdaEnvironment
        {
            RuntimeApi = runtimeApi,
            FunctionName = environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") ?? string.Empty,
            FunctionVersion = environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_VERSION") ?? string.Empty,
            MemoryLimitInMB = int.TryParse(environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out var memory) ? memory : 0,
            LogGroupName = environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_GROUP_NAME") ?? string.Empty,
            LogStreamName = environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_STREAM_NAME") ?? string.Empty,
        };
    }
}
