using System.Threading.Channels;

namespace CrmMail.Subscriptions.Tests;

/// <summary>
/// A contact list whose reads answer at once and whose UpdateContact calls land only when the
/// test says so (<see cref="PendingWrite.Land"/>), like SES: the write replaces every preference
/// with what the writer read earlier, whatever landed in between.
/// </summary>
internal sealed class GatedContactList : IContactList
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Contact> _contacts = new(StringComparer.Ordinal);
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>();

    public static IReadOnlyList<TopicPreference> TopicDefaults { get; } = [new(Topics.Financial, SubscriptionStatus.OptIn), new(Topics.Outreach, SubscriptionStatus.OptIn)];

    public Contact? this[string email]
    {
        get
        {
            lock (_gate)
            {
                return _contacts.GetValueOrDefault(email);
            }
        }
    }

    /// <summary>The next UpdateContact call, waiting to land.</summary>
    public bool TryTakeWrite(out PendingWrite write) => _writes.Reader.TryRead(out write!);

    public Task<Contact?> GetAsync(string email, CancellationToken cancellationToken) => Task.FromResult(this[email]);

    public Task<ContactListOutcome> CreateAsync(string email, IReadOnlyList<TopicPreference> preferences, bool unsubscribeAll, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_contacts.TryAdd(email, new Contact(email, [.. preferences], unsubscribeAll, TopicDefaults)) ? ContactListOutcome.Ok : ContactListOutcome.AlreadyExists);
        }
    }

    public Task<ContactListOutcome> UpdateAsync(string email, IReadOnlyList<TopicPreference> preferences, bool unsubscribeAll, CancellationToken cancellationToken)
    {
        if (this[email] is null)
        {
            return Task.FromResult(ContactListOutcome.NotFound);
        }

        var write = new PendingWrite(this, new Contact(email, [.. preferences], unsubscribeAll, TopicDefaults));
        _writes.Writer.TryWrite(write);
        return write.Landed.WaitAsync(cancellationToken);
    }

    internal sealed class PendingWrite(GatedContactList list, Contact contact)
    {
        private readonly TaskCompletionSource<ContactListOutcome> _landed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Contact Contact => contact;

        public Task<ContactListOutcome> Landed => _landed.Task;

        /// <summary>The write takes effect now, replacing every preference.</summary>
        public void Land()
        {
            lock (list._gate)
            {
                list._contacts[contact.Email] = contact;
            }

            _landed.SetResult(ContactListOutcome.Ok);
        }
    }
}
