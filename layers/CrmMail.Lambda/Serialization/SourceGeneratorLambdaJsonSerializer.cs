using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CrmMail.Lambda.Core;

namespace CrmMail.Lambda.Serialization.SystemTextJson;

/// <summary>
/// An <see cref="ILambdaSerializer"/> over a source-generated <see cref="JsonSerializerContext"/>:
/// no reflection, safe under Native AOT. Mirrors the official type of the same name.
/// </summary>
/// <typeparam name="TContext">The context that declares every event and response type.</typeparam>
public sealed class SourceGeneratorLambdaJsonSerializer<TContext> : ILambdaSerializer
    where TContext : JsonSerializerContext
{
    private readonly TContext _context;

    /// <summary>Creates the serializer over <paramref name="context"/>.</summary>
    public SourceGeneratorLambdaJsonSerializer(TContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <inheritdoc />
    public T Deserialize<T>(Stream requestStream)
        => JsonSerializer.Deserialize(requestStream, TypeInfo<T>())
            ?? throw new JsonException($"The event is JSON null; {typeof(T).Name} expected.");

    /// <inheritdoc />
    public void Serialize<T>(T response, Stream responseStream)
        => JsonSerializer.Serialize(responseStream, response, TypeInfo<T>());

    private JsonTypeInfo<T> TypeInfo<T>()
        => _context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new InvalidOperationException($"{typeof(T).FullName} is not declared on {typeof(TContext).Name}.");
}
