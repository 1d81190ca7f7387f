using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CrmMail.Functions.Campaigns;

/// <summary>
/// The recipients page's nextToken: the last index a page covered, base64url of <c>r{index}</c>.
/// Opaque to callers and validated on the way back (the shape here, the range against the
/// campaign's total in the flow); it only ever reads the caller's own campaign.
/// </summary>
internal static class RecipientsToken
{
    public static string Write(int index) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes("r" + index.ToString(CultureInfo.InvariantCulture)));

    public static bool TryRead(string token, out int index)
    {
        index = 0;
        if (token.Length is 0 or > 16 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
        return text.Length > 1 && text[0] == 'r'
            && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && Write(index) == token;
    }
}
