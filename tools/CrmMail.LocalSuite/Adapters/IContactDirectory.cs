using CrmMail.Subscriptions;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>Every contact, for the contacts page.</summary>
public interface IContactDirectory
{
    /// <summary>All contacts, ordered by address.</summary>
    Task<IReadOnlyList<Contact>> ListAsync(CancellationToken cancellationToken);
}
