namespace CrmMail.SignedDelivery;

/// <summary>
/// The optional upload behaviour of a <see cref="SignedDistribution"/>: a signed PUT to
/// <see cref="PathPattern"/> goes through CloudFront to S3 over the origin access control, and
/// the bucket policy lets the distribution put objects under that prefix only.
/// </summary>
/// <param name="PathPattern">
/// A CloudFront path pattern of the form <c>prefix/*</c> (for example <c>spaces/*</c> or
/// <c>uploads/*</c>): the object keys a signed PUT may create are <c>prefix/…</c>. No other
/// wildcard: the bucket policy's resource must be exactly what the behaviour serves.
/// </param>
public sealed record UploadBehavior(string PathPattern)
{
    /// <summary>
    /// An optional CloudFront Function run on the behaviour's viewer requests (for example one
    /// that binds a PUT's Content-Type and Content-Length to what its signed URL names, which a
    /// CloudFront signature cannot cover); null for none.
    /// </summary>
    public Amazon.CDK.AWS.CloudFront.IFunction? ViewerRequestFunction { get; init; }

    /// <summary>The key prefix of <see cref="PathPattern"/> (<c>spaces/*</c> → <c>spaces/</c>).</summary>
    /// <exception cref="ArgumentException">The pattern is not <c>prefix/*</c>.</exception>
    public string KeyPrefix
    {
        get
        {
            var pattern = PathPattern ?? string.Empty;
            var prefix = pattern.EndsWith("/*", StringComparison.Ordinal) ? pattern[..^1] : string.Empty;
            if (prefix.Length < 2 || prefix.StartsWith('/') || prefix.IndexOfAny(['*', '?']) >= 0)
            {
                throw new ArgumentException($"Upload path pattern '{pattern}' must be 'prefix/*' (no leading slash, no other wildcard).", nameof(PathPattern));
            }

            return prefix;
        }
    }
}
