namespace CrmMail.Identity;

/// <summary>A verified Firebase user.</summary>
public sealed record FirebaseIdentity(string Uid, string? Email)
{
    /// <summary>The token's claims by name (custom claims such as <c>role</c> included; array claims flattened).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Claims { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
}
