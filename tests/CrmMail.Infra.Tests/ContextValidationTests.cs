namespace CrmMail.Infra.Tests;

/// <summary>Every context value is validated at synth with the functions' rules: a bad value is a one-line error naming the key.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class ContextValidationTests
{
    // Rule: type, range, enum, https-only and mailbox rules apply at synth, not on the first request.
    [Theory]
    [InlineData("reportsLifecycleDays", "abc")]
    [InlineData("reportsLifecycleDays", "0")]
    [InlineData("logRetentionDays", "-3")]
    [InlineData("unsubscribeGetMode", "bogus")]
    [InlineData("mailTransport", "smtp")]
    [InlineData("confirmationUrl", "http://crm.example.com/unsubscribed")]
    [InlineData("apiBaseUrl", "not a url")]
    [InlineData("unsubscribeMailbox", "unsubscribe-at-example.com")]
    [InlineData("certificateArn", "my-certificate")]
    public void BadValue_IsAOneLineErrorNamingTheKey(string key, string value)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => StackSettings.FromContext(new Amazon.CDK.App(new Amazon.CDK.AppProps { Context = StackFixture.Context(new Dictionary<string, object> { [key] = value }) }).Node));
        Assert.Contains("'" + key + "'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    // Rule: a custom domain without its certificate cannot be served by CloudFront: a synth error, not a failed deploy.
    [Fact]
    public void DomainNameWithoutCertificate_FailsSynth()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => StackSettings.FromContext(new Amazon.CDK.App(new Amazon.CDK.AppProps { Context = StackFixture.Context(new Dictionary<string, object> { ["domainName"] = "reports.example.com" }) }).Node));
        Assert.Contains("'certificateArn'", error.Message, StringComparison.Ordinal);
    }

    // Rule: mailgun transport needs its domain at synth.
    [Fact]
    public void MailgunWithoutDomain_FailsSynth()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => StackSettings.FromContext(new Amazon.CDK.App(new Amazon.CDK.AppProps { Context = StackFixture.Context(new Dictionary<string, object> { ["mailTransport"] = "mailgun" }) }).Node));
        Assert.Contains("'mailgunDomain'", error.Message, StringComparison.Ordinal);
    }

    // Rule: reports outlive their links: a lifecycle no longer than the link lifetime fails synth.
    [Fact]
    public void LifecycleNotLongerThanLinks_FailsSynth()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => StackSettings.FromContext(new Amazon.CDK.App(new Amazon.CDK.AppProps { Context = StackFixture.Context(new Dictionary<string, object> { ["reportsLifecycleDays"] = "30", ["signedUrlTtlDays"] = "30" }) }).Node));
        Assert.Contains("'reportsLifecycleDays'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'signedUrlTtlDays'", error.Message, StringComparison.Ordinal);
    }
}
