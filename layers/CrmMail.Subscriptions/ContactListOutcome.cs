namespace CrmMail.Subscriptions;

/// <summary>Outcomes of a contact-list write that callers must handle (transient failures throw instead).</summary>
public enum ContactListOutcome
{
    /// <summary>Done.</summary>
    Ok = 0,

    /// <summary>No such contact.</summary>
    NotFound = 1,

    /// <summary>The contact exists already.</summary>
    AlreadyExists = 2,

    /// <summary>Another writer changed the contact at the same time: read again and retry.</summary>
    ConcurrentModification = 3,
}
