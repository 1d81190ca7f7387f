namespace CrmMail.Identity;

/// <summary>A verified Firebase user.</summary>
public sealed record FirebaseIdentity(string Uid, string? Email);
