using CrmMail.Aws.SesV2;
using CrmMail.Subscriptions;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>The contact list at an SES endpoint: ListContacts for the addresses, GetContact for each.</summary>
public sealed class SesContactDirectory(SesV2Client client, IContactList contacts, string contactListName) : IContactDirectory
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<Contact>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<Contact>();
        await foreach (var listed in client.ListAllContactsAsync(contactListName, null, cancellationToken).ConfigureAwait(false))
        {
            if (listed.EmailAddress is { } email && await contacts.GetAsync(email, cancellationToken).ConfigureAwait(false) is { } contact)
            {
                result.Add(contact);
            }
        }

        return [.. result.OrderBy(c => c.Email, StringComparer.Ordinal)];
    }
}
