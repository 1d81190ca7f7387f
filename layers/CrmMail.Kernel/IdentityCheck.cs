namespace CrmMail.Kernel;

/// <summary>
/// The result of <see cref="IIdentityVerifier.CheckAsync"/>: the verdict and, when
/// <see cref="IdentityVerdict.Verified"/>, the actor an audit row names (<c>firebase:&lt;uid&gt;</c>).
/// </summary>
public sealed record IdentityCheck(IdentityVerdict Verdict, string? Actor = null)
{
    /// <summary>The provider's user id when verified (a Firebase uid): what per-user limits count by.</summary>
    public string? Subject { get; init; }

    /// <summary>The credential's claims by name, arrays flattened (a deployment's required claim is checked against them).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Claims { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
}
