using Microsoft.OpenApi;

namespace CrmMail.ApiDocs;

/// <summary>One string parameter of an operation (a query value or a header).</summary>
/// <param name="Name">The parameter's name, e.g. <c>data</c> or <c>Idempotency-Key</c>.</param>
/// <param name="In">Where it travels.</param>
/// <param name="Required">Whether the operation refuses a request without it.</param>
/// <param name="Description">What it carries and its rules.</param>
public sealed record ApiParameter(string Name, ParameterLocation In, bool Required, string Description);
