using System.Net;

namespace CrmMail.Cli.Commands;

/// <summary>One route's harmless request and the statuses that count as healthy.</summary>
internal sealed record SmokeProbe(
    string What,
    string? Body,
    IReadOnlyList<HttpStatusCode> Expected,
    string? Query = null,
    string ContentType = "application/json",
    bool Preflight = false,
    string? RedirectMustContain = null,
    bool AnyBelow500 = false);
