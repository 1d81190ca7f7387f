namespace CrmMail.Kernel;

/// <summary>
/// The result of <see cref="IIdentityVerifier.CheckAsync"/>: the verdict and, when
/// <see cref="IdentityVerdict.Verified"/>, the actor an audit row names (<c>firebase:&lt;uid&gt;</c>).
/// </summary>
public sealed record IdentityCheck(IdentityVerdict Verdict, string? Actor = null);
