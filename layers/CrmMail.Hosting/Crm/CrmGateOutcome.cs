using System.Diagnostics.CodeAnalysis;
using CrmMail.Kernel;
using CrmMail.Kernel.RateLimiting;
using CrmMail.Lambda.APIGatewayEvents;

namespace CrmMail.Hosting.Crm;

/// <summary>What <see cref="CrmCallerGate.PassAsync"/> decided: the refusal to answer with, or the verified caller and its window.</summary>
public sealed record CrmGateOutcome
{
    private CrmGateOutcome()
    {
    }

    /// <summary>The answer when the caller was refused (401, 403 or 429), else null.</summary>
    public APIGatewayProxyResponse? Refusal { get; private init; }

    /// <summary>The verified caller when it passed, else null.</summary>
    public IdentityCheck? Identity { get; private init; }

    /// <summary>The caller's rate-limit window when it passed (its headers go on the route's answer), else null.</summary>
    public RateLimitDecision? Decision { get; private init; }

    /// <summary>Whether the caller passed; then <see cref="Identity"/> and <see cref="Decision"/> are set.</summary>
    [MemberNotNullWhen(true, nameof(Identity), nameof(Decision))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Passed => Refusal is null;

    /// <summary>The caller is refused with <paramref name="response"/>.</summary>
    public static CrmGateOutcome Refused(APIGatewayProxyResponse response) => new() { Refusal = response ?? throw new ArgumentNullException(nameof(response)) };

    /// <summary>The caller passed as <paramref name="identity"/> within <paramref name="decision"/>'s window.</summary>
    public static CrmGateOutcome Through(IdentityCheck identity, RateLimitDecision decision) => new()
    {
        Identity = identity ?? throw new ArgumentNullException(nameof(identity)),
        Decision = decision ?? throw new ArgumentNullException(nameof(decision)),
    };
}
