namespace CrmMail.SignedDelivery;

/// <summary>
/// A public key a team brings (SubjectPublicKeyInfo PEM: RSA 2048 or ECDSA P-256). Its construct
/// id comes from <see cref="Name"/>, never a list position: CloudFront lets only a key's comment
/// change, so a key that inherited another's logical id would be replaced under a new id and
/// every link signed with it would break.
/// </summary>
/// <param name="Name">A stable name (the key's comment), for example <c>2026-11</c>.</param>
/// <param name="PublicKeyPem">The <c>-----BEGIN PUBLIC KEY-----</c> PEM.</param>
/// <param name="ConstructId">Pins the construct id of a key deployed under another id; null for <c>PublicKey-NAME</c>.</param>
public sealed record TrustedPublicKey(string Name, string PublicKeyPem, string? ConstructId = null)
{
    /// <summary>The construct id: <see cref="ConstructId"/> or <c>PublicKey-NAME</c>.</summary>
    public string Id => ConstructId ?? "PublicKey-" + Name;
}
