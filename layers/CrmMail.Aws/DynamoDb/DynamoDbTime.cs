using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace CrmMail.Aws.DynamoDb;

/// <summary>
/// Instants as DynamoDB number attributes in epoch seconds: the unit the tables' TTL
/// (<c>expiresAt</c>) requires, used for every other instant too so conditions compare like with like.
/// </summary>
internal static class DynamoDbTime
{
    /// <summary>The instant as an <c>N</c> attribute of whole epoch seconds.</summary>
    public static AttributeValue EpochSeconds(DateTimeOffset at)
        => new() { N = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
}
