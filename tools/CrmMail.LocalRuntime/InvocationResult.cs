namespace CrmMail.LocalRuntime;

/// <summary>What a function answered for one event: a response body, or an error report.</summary>
public sealed record InvocationResult(string RequestId, bool IsError, byte[] Body, string? ErrorType, TimeSpan Duration);

/// <summary>An init error a function reported before it could take events.</summary>
public sealed record InitErrorReport(byte[] Body, string? ErrorType);
