namespace CrmMail.ApiDocs;

/// <summary>
/// What the OpenAPI document says about one route of the table: its summary, how it is
/// authorised, its request and its answers. Registered in <see cref="ApiOperations"/> under the
/// route's method and path.
/// </summary>
/// <param name="Summary">One line.</param>
/// <param name="Description">The rules a caller needs (markdown allowed).</param>
/// <param name="Tag">The group it is listed under.</param>
/// <param name="Auth">How the caller is authenticated.</param>
/// <param name="ErrorSchemaId">The schema of this operation's own error bodies (the suite's <see cref="ApiSchemaIds.ErrorBody"/> or a CRM shape).</param>
/// <param name="Responses">Every answer, success and error.</param>
public sealed record ApiOperation(string Summary, string Description, string Tag, ApiAuth Auth, string ErrorSchemaId, IReadOnlyList<ApiResponse> Responses)
{
    /// <summary>The body's component schema, or null for an operation without a body.</summary>
    public string? RequestSchemaId { get; init; }

    /// <summary>The body's media types (the schema applies to each).</summary>
    public IReadOnlyList<string> RequestContentTypes { get; init; } = ["application/json"];

    /// <summary>Query and header parameters.</summary>
    public IReadOnlyList<ApiParameter> Parameters { get; init; } = [];

    /// <summary>Whether API Gateway validates the body against <see cref="RequestSchemaId"/> before the function runs.</summary>
    public bool ValidatedByGateway { get; init; }
}
