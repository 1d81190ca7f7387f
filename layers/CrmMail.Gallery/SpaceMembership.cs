namespace CrmMail.Gallery;

/// <summary>One membership: a uid and a space it may see.</summary>
public sealed record SpaceMembership(string Uid, string SpaceId);
