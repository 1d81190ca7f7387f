using System.Reflection;
using System.Text.Json;
using CrmMail.Lambda.Core;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Lambda.Tests.Core;

public class ILambdaLoggerShapeTests
{
    // Amazon.Lambda.Core's ILambdaLogger (net8.0 and later), member for member, as in
    // github.com/aws/aws-lambda-dotnet Libraries/src/Amazon.Lambda.Core/ILambdaLogger.cs.
    private static readonly string[] Official =
    [
        "Void Log(String)",
        "Void LogLine(String)",
        "Void Log(String, String)",
        "Void Log(LogLevel, String)",
        "Void LogTrace(String)",
        "Void LogDebug(String)",
        "Void LogInformation(String)",
        "Void LogWarning(String)",
        "Void LogError(String)",
        "Void LogCritical(String)",
        "Void Log(String, String, params Object[])",
        "Void Log(String, Exception, String, params Object[])",
        "Void Log(LogLevel, String, params Object[])",
        "Void Log(LogLevel, Exception, String, params Object[])",
        "Void LogTrace(String, params Object[])",
        "Void LogTrace(Exception, String, params Object[])",
        "Void LogDebug(String, params Object[])",
        "Void LogDebug(Exception, String, params Object[])",
        "Void LogInformation(String, params Object[])",
        "Void LogInformation(Exception, String, params Object[])",
        "Void LogWarning(String, params Object[])",
        "Void LogWarning(Exception, String, params Object[])",
        "Void LogError(String, params Object[])",
        "Void LogError(Exception, String, params Object[])",
        "Void LogCritical(String, params Object[])",
        "Void LogCritical(Exception, String, params Object[])",
    ];

    private static string Signature(MethodInfo method)
        => $"{method.ReturnType.Name} {method.Name}({string.Join(", ", method.GetParameters().Select(p => (p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : string.Empty) + p.ParameterType.Name))})";

    [Fact]
    public void ILambdaLogger_Members_AreExactlyTheOfficialOnes()
    {
        // Rule: the stand-in has the official members and no others, so after the namespace swap
        // every call binds to the same member (a structured call cannot silently change meaning).
        var sut = typeof(ILambdaLogger).GetMethods().Select(Signature).Order(StringComparer.Ordinal);

        Assert.Equal(Official.Order(StringComparer.Ordinal), sut);
    }

    [Fact]
    public void LogLevel_NamesAndValues_AreTheOfficialOnes()
    {
        // Rule: Amazon.Lambda.Core.LogLevel is Trace..Critical = 0..5; the interface passes its names as level strings.
        Assert.Equal(["Trace", "Debug", "Information", "Warning", "Error", "Critical"], Enum.GetNames<LogLevel>());
        Assert.Equal([0, 1, 2, 3, 4, 5], Enum.GetValues<LogLevel>().Select(l => (int)l));
    }

    [Fact]
    public void LogInformation_TemplateWithArguments_WritesEachPlaceholderAsAJsonProperty()
    {
        // Rule: as the Lambda runtime, a message template's placeholders become properties of the JSON line.
        using var output = new StringWriter();
        var environment = new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON" });
        ILambdaLogger sut = LambdaLogger.FromEnvironment(environment, output, new FakeTimeProvider());

        sut.LogInformation("sent {count} to {topic} {{literal}} {timestamp}", 3, "financial", 7L);

        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal("sent 3 to financial {literal} 7", root.GetProperty("message").GetString());
        Assert.Equal("INFO", root.GetProperty("level").GetString());
        Assert.Equal(3, root.GetProperty("count").GetInt32());
        Assert.Equal("financial", root.GetProperty("topic").GetString());
        Assert.Equal(7, root.GetProperty("field_timestamp").GetInt64());
    }

    [Fact]
    public void LogError_WithException_WritesItsTypeAndMessage()
    {
        // Rule: the exception overload keeps the failure's type and message as properties (the runtime's errorType/errorMessage).
        using var output = new StringWriter();
        var environment = new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON" });
        ILambdaLogger sut = LambdaLogger.FromEnvironment(environment, output, new FakeTimeProvider());

        sut.LogError(new InvalidOperationException("boom"), "failed {step}", "send");

        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal("ERROR", json.RootElement.GetProperty("level").GetString());
        Assert.Equal("send", json.RootElement.GetProperty("step").GetString());
        Assert.Equal("System.InvalidOperationException", json.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("boom", json.RootElement.GetProperty("errorMessage").GetString());
    }
}
