namespace CrmMail.Subscriptions;

/// <summary>A contact in the list: explicit preferences, the unsubscribe-all flag and the list's topic defaults.</summary>
public sealed record Contact(
    string Email,
    IReadOnlyList<TopicPreference> Preferences,
    bool UnsubscribeAll,
    IReadOnlyList<TopicPreference> TopicDefaults)
{
    /// <summary>
    /// Whether mail on <paramref name="topic"/> may go out: UnsubscribeAll wins, then an
    /// explicit preference, then the topic's default, then <paramref name="fallback"/>.
    /// </summary>
    public bool IsSubscribed(string topic, SubscriptionStatus fallback = SubscriptionStatus.OptIn)
    {
        if (UnsubscribeAll)
        {
            return false;
        }

        var status = Preferences.FirstOrDefault(p => p.Topic == topic)?.Status
            ?? TopicDefaults.FirstOrDefault(p => p.Topic == topic)?.Status
            ?? fallback;
        return status == SubscriptionStatus.OptIn;
    }

    /// <summary>Topic names this contact has an explicit preference or a default for.</summary>
    public IEnumerable<string> KnownTopics => Preferences.Select(p => p.Topic).Concat(TopicDefaults.Select(p => p.Topic)).Distinct(StringComparer.Ordinal);
}
