namespace CrmMail.Lambda.Core;

/// <summary>Turns event bytes into the handler's input and its output into bytes, as in <c>Amazon.Lambda.Core</c>.</summary>
public interface ILambdaSerializer
{
    /// <summary>Reads a <typeparamref name="T"/> from the stream.</summary>
    T Deserialize<T>(Stream requestStream);

    /// <summary>Writes <paramref name="response"/> to the stream.</summary>
    void Serialize<T>(T response, Stream responseStream);
}
