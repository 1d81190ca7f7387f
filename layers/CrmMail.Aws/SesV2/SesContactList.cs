using CrmMail.Kernel;
using CrmMail.Subscriptions;

namespace CrmMail.Aws.SesV2;

/// <summary>The contact-list port over an SES v2 contact list (<see cref="Settings.Catalogue.SesContactListName"/>).</summary>
public sealed class SesContactList(SesV2Client client, string contactListName) : IContactList
{
    /// <inheritdoc />
    public async Task<Contact?> GetAsync(string email, CancellationToken cancellationToken)
    {
        var result = await client.GetContactAsync(contactListName, email, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            var contact = result.Value!;
            return new Contact(contact.EmailAddress ?? email, Map(contact.TopicPreferences), contact.UnsubscribeAll, Map(contact.TopicDefaultPreferences));
        }

        return result.Error.Code == SesErrorCode.NotFound ? null : throw Unavailable(result.Error);
    }

    /// <inheritdoc />
    public async Task<ContactListOutcome> CreateAsync(string email, IReadOnlyList<TopicPreference> preferences, bool unsubscribeAll, CancellationToken cancellationToken)
    {
        var result = await client.CreateContactAsync(contactListName, new SesCreateContactRequest(email, Map(preferences), unsubscribeAll), cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? ContactListOutcome.Ok
            : result.Error.Code == SesErrorCode.AlreadyExists ? ContactListOutcome.AlreadyExists
            : throw Unavailable(result.Error);
    }

    /// <inheritdoc />
    public async Task<ContactListOutcome> UpdateAsync(string email, IReadOnlyList<TopicPreference> preferences, bool unsubscribeAll, CancellationToken cancellationToken)
    {
        var result = await client.UpdateContactAsync(contactListName, email, new SesUpdateContactRequest(Map(preferences), unsubscribeAll), cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? ContactListOutcome.Ok : result.Error.Code switch
        {
            SesErrorCode.NotFound => ContactListOutcome.NotFound,
            SesErrorCode.ConcurrentModification => ContactListOutcome.ConcurrentModification,
            _ => throw Unavailable(result.Error),
        };
    }

    private static DependencyUnavailableException Unavailable(SesError error)
        => new($"SES contact list: {error.Code} ({error.StatusCode}): {error.Message}");

    private static List<TopicPreference> Map(IReadOnlyList<SesTopicPreference>? preferences)
        => (preferences ?? []).Select(p => new TopicPreference(p.TopicName, p.SubscriptionStatus == "OPT_OUT" ? SubscriptionStatus.OptOut : SubscriptionStatus.OptIn)).ToList();

    private static List<SesTopicPreference> Map(IReadOnlyList<TopicPreference> preferences)
        => preferences.Select(p => new SesTopicPreference(p.Topic, p.Status == SubscriptionStatus.OptOut ? "OPT_OUT" : "OPT_IN")).ToList();
}
