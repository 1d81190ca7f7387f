namespace CrmMail.Kernel;

/// <summary>
/// Checks a caller's bearer credential (a Firebase ID token in AWS and locally). The port a use
/// case depends on, so the domain needs no identity provider: CrmMail.Identity implements it.
/// </summary>
public interface IIdentityVerifier
{
    /// <summary>
    /// Checks <paramref name="bearerToken"/>. A refused credential is a result; a provider that
    /// cannot be reached throws <see cref="DependencyUnavailableException"/>.
    /// </summary>
    Task<IdentityCheck> CheckAsync(string bearerToken, CancellationToken cancellationToken);
}
