using System.Security.Cryptography;
using System.Text;

namespace CrmMail.Campaigns;

/// <summary>
/// Object keys in the private campaign bucket: <c>campaigns/{id}/…</c> for what the API
/// stores, and <c>uploads/{caller}/…</c> for the lists callers upload, where {caller} is a hash
/// of the API key id, so a caller can only name its own uploads as a campaign's list.
/// </summary>
public static class CampaignKeys
{
    /// <summary>The prefix of every object the API stores for a campaign (the stack grants the API's writes under it alone).</summary>
    public const string CampaignsPrefix = "campaigns/";

    /// <summary>The prefix of every caller's uploads (the stack grants the presigned PUTs and the list reads under it alone).</summary>
    public const string UploadsPrefix = "uploads/";

    /// <summary>The content of campaign <paramref name="id"/>.</summary>
    public static string Content(string id) => CampaignsPrefix + id + "/content.json";

    /// <summary>The de-duplicated recipient list of campaign <paramref name="id"/>.</summary>
    public static string Recipients(string id) => CampaignsPrefix + id + "/recipients.jsonl";

    /// <summary>The prefix of <paramref name="caller"/>'s uploads (ends with a slash).</summary>
    public static string UploadPrefix(string caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return UploadsPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(caller)))[..32] + "/";
    }

    /// <summary>True when <paramref name="key"/> is one of <paramref name="caller"/>'s upload keys (no other prefix, no path tricks).</summary>
    public static bool IsUploadOf(string key, string caller)
    {
        ArgumentNullException.ThrowIfNull(key);
        var prefix = UploadPrefix(caller);
        return key.StartsWith(prefix, StringComparison.Ordinal)
            && key.Length > prefix.Length && key.Length <= 1024
            && key[prefix.Length..].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
    }
}
