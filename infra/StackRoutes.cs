using CrmMail.Routes;

namespace CrmMail.Infra;

/// <summary>
/// The routes of <see cref="RouteTable"/> this stack serves: all of them except those of a
/// function whose construct is not composed yet (<see cref="NotYetInStack"/>), so a function
/// can land with its routes before its construct. Wiring a function removes its entry.
/// </summary>
public static class StackRoutes
{
    /// <summary>Functions in the route table without a construct yet (<see cref="DeployedRoutes.NotYet"/>, which serve shares).</summary>
    public static IReadOnlySet<string> NotYetInStack => DeployedRoutes.NotYet;

    /// <summary>The routes the stack builds methods, throttles and firewall rules for.</summary>
    public static IReadOnlyList<Route> All => DeployedRoutes.All;
}
