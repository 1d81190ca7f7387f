using CrmMail.Lambda.Core;

namespace CrmMail.Lambda.RuntimeSupport;

/// <summary>One invocation as the Runtime API's <c>/next</c> returned it.</summary>
public sealed class InvocationRequest : IDisposable
{
    /// <summary>Creates an invocation over the event body and its context.</summary>
    public InvocationRequest(Stream inputStream, ILambdaContext lambdaContext)
    {
        InputStream = inputStream;
        LambdaContext = lambdaContext;
    }

    /// <summary>The event body.</summary>
    public Stream InputStream { get; }

    /// <summary>The invocation's context.</summary>
    public ILambdaContext LambdaContext { get; }

    /// <inheritdoc />
    public void Dispose() => InputStream.Dispose();
}
