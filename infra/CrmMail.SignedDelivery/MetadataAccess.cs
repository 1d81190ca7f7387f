namespace CrmMail.SignedDelivery;

/// <summary>What an <see cref="IntegrationRole"/> may do with the metadata table.</summary>
public enum MetadataAccess
{
    /// <summary>GetItem, Query, BatchGetItem.</summary>
    Read,

    /// <summary>Read, plus PutItem, UpdateItem, DeleteItem (the application records its uploads).</summary>
    ReadWrite,
}
