using CrmMail.Kernel;

namespace CrmMail.Subscriptions;

/// <summary>
/// A short lease per canonical contact key, shared by every container (DynamoDB in AWS, a file
/// locally). SES UpdateContact replaces every preference and takes no condition, so changes to
/// one contact are serialised by holding this lease around read, modify, write and read-back.
/// Throttling, 5xx and network errors throw <see cref="CrmMail.Kernel.DependencyUnavailableException"/>.
/// </summary>
public interface IContactLease
{
    /// <summary>
    /// Takes the lease on <paramref name="contactKey"/> for <paramref name="owner"/> for
    /// <paramref name="duration"/> when nobody holds it or the holder's lease has expired;
    /// false (without waiting) when another owner holds it.
    /// </summary>
    Task<bool> TryAcquireAsync(string contactKey, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Releases the lease if <paramref name="owner"/> still holds it (never another owner's).</summary>
    Task ReleaseAsync(string contactKey, string owner, CancellationToken cancellationToken);
}
