namespace CrmMail.Gallery;

/// <summary>Managing memberships (<c>crm-mail spaces</c>): never given to the function, whose role can only read.</summary>
public interface ISpaceMembershipAdmin : ISpaceMembership
{
    /// <summary>Makes <paramref name="uid"/> a member of <paramref name="spaceId"/>; true when it was not one already.</summary>
    Task<bool> GrantAsync(string uid, string spaceId, CancellationToken cancellationToken);

    /// <summary>Removes the membership; true when there was one.</summary>
    Task<bool> RevokeAsync(string uid, string spaceId, CancellationToken cancellationToken);

    /// <summary>The memberships of <paramref name="uid"/>, or every membership when null, ordered by uid then space.</summary>
    Task<IReadOnlyList<SpaceMembership>> ListAsync(string? uid, CancellationToken cancellationToken);
}
