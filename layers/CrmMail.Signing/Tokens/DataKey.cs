namespace CrmMail.Signing.Tokens;

/// <summary>A plaintext AES-256 data key and the short id tokens carry to find it again.</summary>
public sealed class DataKey
{
    /// <summary>Size of <see cref="Id"/> in bytes.</summary>
    public const int IdLength = 8;

    /// <summary>Creates a data key.</summary>
    public DataKey(byte[] id, TokenPurpose purpose, byte[] key, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(key);
        if (id.Length != IdLength || key.Length != 32)
        {
            throw new ArgumentException("A data key has an 8-byte id and 32 key bytes.");
        }

        Id = id;
        Purpose = purpose;
        Key = key;
        CreatedAt = createdAt;
    }

    /// <summary>The id embedded in every token sealed with this key.</summary>
    public byte[] Id { get; }

    /// <summary>The id as lowercase hex (the key registry's partition key).</summary>
    public string IdHex => Convert.ToHexStringLower(Id);

    /// <summary>The purpose the key was generated for.</summary>
    public TokenPurpose Purpose { get; }

    /// <summary>The plaintext key. Lives only in memory.</summary>
    public byte[] Key { get; }

    /// <summary>When KMS generated it.</summary>
    public DateTimeOffset CreatedAt { get; }
}
