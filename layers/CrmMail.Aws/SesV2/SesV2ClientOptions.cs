namespace CrmMail.Aws.SesV2;

/// <summary>Where the SES v2 API is.</summary>
public sealed record SesV2ClientOptions(string Region, Uri? ServiceUrl = null)
{
    /// <summary>The endpoint: the override (moto, a VPC endpoint) or <c>https://email.{region}.amazonaws.com</c>.</summary>
    public Uri Endpoint => ServiceUrl ?? new Uri($"https://email.{Region}.amazonaws.com");
}
