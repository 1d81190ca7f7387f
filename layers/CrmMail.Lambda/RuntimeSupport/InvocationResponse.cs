namespace CrmMail.Lambda.RuntimeSupport;

/// <summary>The bytes a handler produced for one invocation.</summary>
public sealed class InvocationResponse(Stream outputStream) : IDisposable
{
    /// <summary>The response body, positioned at its start.</summary>
    public Stream OutputStream { get; } = outputStream;

    /// <inheritdoc />
    public void Dispose() => OutputStream.Dispose();
}
