namespace CrmMail.Routes;

/// <summary>
/// The routes of <see cref="RouteTable"/> a deployment serves: all of them except those of a
/// function whose CDK construct is not composed yet (<see cref="NotYet"/>), so a function can land
/// with its routes before its construct. The stack builds methods only for these, and
/// <c>crm-mail serve</c>'s API Gateway stand-in maps only these, answering the others as the
/// deployed API does (no method: 403 <c>Missing Authentication Token</c>). Wiring a function
/// removes its entry.
/// </summary>
public static class DeployedRoutes
{
    /// Functions in the route table without a construct yet: none today. A function landing before its construct is listed here until it is wired.
    public static IReadOnlySet<string> NotYet { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The routes a deployment (the stack, and serve's stand-in of it) serves.</summary>
    public static IReadOnlyList<Route> All { get; } = [.. RouteTable.All.Where(r => !NotYet.Contains(r.Function))];
}
