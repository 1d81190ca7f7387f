namespace CrmMail.Signing.Tokens;

/// <summary>The key registry: wrapped data keys by id (DynamoDB in AWS, a file locally).</summary>
public interface IWrappedKeyStore
{
    /// <summary>Records a new wrapped key (ids are random; an existing id is a bug, so it fails).</summary>
    Task PutAsync(WrappedDataKey key, CancellationToken cancellationToken);

    /// <summary>The wrapped key with this id, or null.</summary>
    Task<WrappedDataKey?> GetAsync(string idHex, CancellationToken cancellationToken);
}
