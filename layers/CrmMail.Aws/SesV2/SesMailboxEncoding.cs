using System.Text;
using CrmMail.Mail.Validation;

namespace CrmMail.Aws.SesV2;

/// <summary>
/// SES takes a sender or reply-to "friendly name" only in 7-bit ASCII: a non-ASCII name must
/// arrive as RFC 2047 encoded-words. Names are B-encoded UTF-8, split on character boundaries
/// into words of at most 75 characters (RFC 2047 §2) joined by a space, which decoders drop
/// between encoded-words; ASCII names keep RFC 5322 quoting.
/// </summary>
internal static class SesMailboxEncoding
{
    // 45 bytes give 60 base64 characters: with "=?UTF-8?B?" and "?=" a word is 72 characters.
    private const int MaxBytesPerWord = 45;

    /// <summary>The mailbox as SES accepts it; a value that is not a mailbox is passed through for SES to judge.</summary>
    public static string Encode(string mailbox)
    {
        if (!AddressSyntax.TrySplitMailbox(mailbox, out var name, out var address))
        {
            return mailbox;
        }

        return name is null || name.All(char.IsAscii) ? AddressSyntax.FormatMailbox(name, address) : EncodedWords(name) + " <" + address + ">";
    }

    private static string EncodedWords(string name)
    {
        var words = new List<string>();
        var chunk = new List<byte>(MaxBytesPerWord);
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in name.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);
            if (chunk.Count + length > MaxBytesPerWord)
            {
                words.Add(Word(chunk));
                chunk.Clear();
            }

            chunk.AddRange(buffer[..length]);
        }

        if (chunk.Count > 0)
        {
            words.Add(Word(chunk));
        }

        return string.Join(' ', words);
    }

    private static string Word(List<byte> bytes) => "=?UTF-8?B?" + Convert.ToBase64String(bytes.ToArray()) + "?=";
}
