namespace CrmMail.Gallery;

/// <summary>A member's uid (a Firebase uid): 1 to 128 printable ASCII characters other than space, quote and backslash.</summary>
public static class MemberUid
{
    /// <summary>Firebase's own limit on a uid.</summary>
    public const int MaxLength = 128;

    /// <summary>True when <paramref name="value"/> can be a uid.</summary>
    public static bool IsValid(string? value)
        => !string.IsNullOrEmpty(value) && value.Length <= MaxLength && value.All(c => c is > ' ' and <= '~' and not '"' and not '\\');
}
