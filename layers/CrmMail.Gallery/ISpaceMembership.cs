namespace CrmMail.Gallery;

/// <summary>Who may see a space: one lookup per request (DynamoDB GetItem in AWS, a file locally).</summary>
public interface ISpaceMembership
{
    /// <summary>Whether <paramref name="uid"/> is a member of <paramref name="spaceId"/>; an outage throws DependencyUnavailableException.</summary>
    Task<bool> IsMemberAsync(string uid, string spaceId, CancellationToken cancellationToken);
}
