using CrmMail.Kernel;

namespace CrmMail.Gallery;

/// <summary>
/// The check both gallery routes make, in one place: a verified credential, a well-formed space
/// id, then one membership lookup. A non-member and a space that does not exist get the same
/// refusal (<see cref="Refusal"/>), so the answer says nothing about which spaces exist.
/// </summary>
public sealed class GalleryAccess(IIdentityVerifier identities, ISpaceMembership membership)
{
    /// <summary>The actor prefix the Firebase verifier gives a uid.</summary>
    private const string FirebaseActor = "firebase:";

    /// <summary>The one refusal for "not a member" and "no such space".</summary>
    public static (string Reason, string Message) Refusal { get; } = ("forbidden", "You are not a member of this space, or it does not exist.");

    /// <summary>Checks the caller; <see cref="AccessCheck.Uid"/> is set when granted.</summary>
    public async Task<AccessCheck> CheckAsync(string? bearer, string? spaceId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(bearer))
        {
            return AccessCheck.Deny(GalleryStatus.Unauthorized, "missing_credentials", "Authorization must be 'Bearer <Firebase ID token>'.");
        }

        var identity = await identities.CheckAsync(bearer, cancellationToken).ConfigureAwait(false);
        if (identity.Verdict == IdentityVerdict.Invalid || identity.Actor is null && identity.Verdict == IdentityVerdict.Verified)
        {
            return AccessCheck.Deny(GalleryStatus.Unauthorized, "invalid_credentials", "The ID token is not valid.");
        }

        if (!SpaceId.IsValid(spaceId))
        {
            return AccessCheck.Deny(GalleryStatus.BadRequest, "invalid_space_id", "A space id is 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit.");
        }

        // An unverified email address is refused like a non-member: membership is granted to
        // accounts whose address the identity provider has confirmed.
        var uid = identity.Verdict == IdentityVerdict.Verified ? UidOf(identity.Actor!) : null;
        if (uid is null || !await membership.IsMemberAsync(uid, spaceId!, cancellationToken).ConfigureAwait(false))
        {
            return AccessCheck.Deny(GalleryStatus.Forbidden, Refusal.Reason, Refusal.Message);
        }

        return new AccessCheck(GalleryStatus.Granted, null, null, uid);
    }

    private static string? UidOf(string actor)
    {
        var uid = actor.StartsWith(FirebaseActor, StringComparison.Ordinal) ? actor[FirebaseActor.Length..] : actor;
        return MemberUid.IsValid(uid) ? uid : null;
    }
}
