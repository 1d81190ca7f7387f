using CrmMail.Lambda.Core;

namespace CrmMail.Hosting.Tests.Logging;

/// <summary>
/// A logger that implements only what every ILambdaLogger must (the official TestLambdaLogger's
/// members) and records the raw level, template and arguments, as the official runtime gets them.
/// </summary>
internal sealed class OfficialShapedLogger : ILambdaLogger
{
    public List<(string Level, string Template, object[] Args)> Calls { get; } = [];

    public void Log(string message) => Calls.Add(("Information", message, []));

    public void LogLine(string message) => Calls.Add(("Information", message, []));

    public void Log(string level, string message) => Calls.Add((level, message, []));

    public void Log(string level, string message, params object[] args) => Calls.Add((level, message, args));

    public void Log(string level, Exception exception, string message, params object[] args) => Calls.Add((level, message, args));
}
