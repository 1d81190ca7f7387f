using CrmMail.Kernel;

namespace CrmMail.Subscriptions;

/// <summary>
/// The contact list port (SES v2 in AWS, a file locally). Throttling, 5xx and network errors
/// are retried inside the adapter and then thrown as
/// <see cref="CrmMail.Kernel.DependencyUnavailableException"/>.
/// </summary>
public interface IContactList
{
    /// <summary>The contact, or null when it does not exist.</summary>
    Task<Contact?> GetAsync(string email, CancellationToken cancellationToken);

    /// <summary>Creates a contact with these explicit preferences (none: the topic defaults apply).</summary>
    Task<ContactListOutcome> CreateAsync(string email, IReadOnlyList<TopicPreference> preferences, bool unsubscribeAll, CancellationToken cancellationToken);

    /// <summary>Replaces the contact's preferences: any topic left out loses its explicit preference.</summary>
    Task<ContactListOutcome> UpdateAsync(string email, IReadOnlyList<TopicPreference> preferences, bool unsubscribeAll, CancellationToken cancellationToken);
}
