using System.Diagnostics.CodeAnalysis;

namespace CrmMail.Identity;

/// <summary>A verified identity or a rejection.</summary>
public readonly record struct FirebaseVerification
{
    private FirebaseVerification(FirebaseIdentity? identity, FirebaseRejection? rejection)
    {
        Identity = identity;
        Rejection = rejection;
    }

    /// <summary>The user, when verified.</summary>
    public FirebaseIdentity? Identity { get; }

    /// <summary>The reason, when refused.</summary>
    public FirebaseRejection? Rejection { get; }

    /// <summary>True when verified.</summary>
    [MemberNotNullWhen(true, nameof(Identity))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsValid => Identity is not null;

    /// <summary>Verified.</summary>
    public static FirebaseVerification Valid(FirebaseIdentity identity) => new(identity, null);

    /// <summary>Refused.</summary>
    public static FirebaseVerification Rejected(FirebaseRejection rejection) => new(null, rejection);
}
