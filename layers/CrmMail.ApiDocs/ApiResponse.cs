namespace CrmMail.ApiDocs;

/// <summary>One documented answer of an operation.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Description">When it is answered (for errors: the codes it carries).</param>
/// <param name="SchemaId">The body's component schema (<see cref="ApiSchemaIds"/>), or null for no body.</param>
/// <param name="Headers">Response headers worth stating (name → meaning), e.g. <c>Retry-After</c>.</param>
public sealed record ApiResponse(int Status, string Description, string? SchemaId = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>Whether this is an error answer (4xx or 5xx).</summary>
    public bool IsError => Status >= 400;
}
