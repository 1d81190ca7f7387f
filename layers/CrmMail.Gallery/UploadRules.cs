namespace CrmMail.Gallery;

/// <summary>
/// What an upload may be: one of the allowed content types (each with the extension its key
/// gets) and at most <see cref="MaxBytes"/> bytes.
/// </summary>
public sealed class UploadRules
{
    /// <summary>The image types an upload may declare and the extension each key gets.</summary>
    public static IReadOnlyDictionary<string, string> KnownTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["image/png"] = "png",
        ["image/jpeg"] = "jpg",
        ["image/gif"] = "gif",
        ["image/webp"] = "webp",
        ["image/avif"] = "avif",
        // Not allowed by default: an SVG can carry script when opened on its own.
        ["image/svg+xml"] = "svg",
    };

    /// <summary>Rules allowing <paramref name="allowedTypes"/> (each a <see cref="KnownTypes"/> key) up to <paramref name="maxBytes"/>.</summary>
    public UploadRules(IReadOnlyList<string> allowedTypes, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(allowedTypes);
        if (allowedTypes.Count == 0 || allowedTypes.Any(t => !KnownTypes.ContainsKey(t)))
        {
            throw new ArgumentException("Allowed upload types must be a non-empty list of " + string.Join(", ", KnownTypes.Keys) + ".", nameof(allowedTypes));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        AllowedTypes = allowedTypes;
        MaxBytes = maxBytes;
    }

    /// <summary>The allowed content types.</summary>
    public IReadOnlyList<string> AllowedTypes { get; }

    /// <summary>The largest upload in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>The extension of <paramref name="contentType"/> when it is allowed (compared without case or parameters).</summary>
    public bool TryAllow(string? contentType, out string normalized, out string extension)
    {
        normalized = (contentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        extension = string.Empty;
        if (!AllowedTypes.Contains(normalized, StringComparer.Ordinal))
        {
            return false;
        }

        extension = KnownTypes[normalized];
        return true;
    }
}
