namespace CrmMail.Subscriptions;

/// <summary>
/// The stream marker a message carries among its Mailgun tags (<c>stream:financial</c>,
/// <c>stream:outreach</c>), written by the send path and the only thing the webhook reads to
/// pick the topic of an <c>unsubscribed</c> event. A tag, not a <c>v:</c> user variable: tags
/// are what Mailgun echoes in every event (JSON <c>tags</c>, legacy form <c>tag</c>), and
/// keeping <c>v:</c> empty keeps one simple rule (recipients can read <c>v:</c> values). Other
/// tags are sanitised to <c>[A-Za-z0-9_-]</c>, so no campaign name can contain the colon and
/// forge a marker.
/// </summary>
public static class StreamTag
{
    /// <summary>The marker's prefix.</summary>
    public const string Prefix = "stream:";

    /// <summary>The marker for <paramref name="topic"/>.</summary>
    public static string For(string topic)
    {
        if (!Topics.IsKnown(topic))
        {
            throw new ArgumentOutOfRangeException(nameof(topic), topic, "Not one of our topics.");
        }

        return Prefix + topic;
    }

    /// <summary>
    /// The topic the markers among <paramref name="tags"/> name: exactly one known topic, or
    /// null when there is no marker, an unknown one, or markers that disagree (Mailgun treats
    /// tags case-insensitively, so this does too).
    /// </summary>
    public static string? Read(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        string? found = null;
        foreach (var tag in tags)
        {
            if (tag is null || !tag.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var topic = tag[Prefix.Length..].Trim().ToLowerInvariant();
            if (!Topics.IsKnown(topic) || (found is not null && found != topic))
            {
                return null;
            }

            found = topic;
        }

        return found;
    }
}
