using CrmMail.Inbound.Mailto;

namespace CrmMail.Functions.MailtoUnsubscribe.Tests;

public class DomainAlignmentTests
{
    // Relaxed alignment without a Public Suffix List: equal, or one a subdomain of the other, by whole labels; never a TLD.
    [Theory]
    [InlineData("example.com", "example.com", true)]
    [InlineData("Example.COM.", "example.com", true)]
    [InlineData("mail.example.com", "example.com", true)]
    [InlineData("example.com", "a.b.example.com", true)]
    [InlineData("bücher.example", "xn--bcher-kva.example", true)]
    [InlineData("notexample.com", "example.com", false)]
    [InlineData("a.example.com", "b.example.com", false)]
    [InlineData("com", "example.com", false)]
    [InlineData("example.com", "com", false)]
    [InlineData("", "example.com", false)]
    [InlineData(null, "example.com", false)]
    [InlineData("exa mple.com", "example.com", false)]
    public void Aligned_Pairs_AsRelaxedAlignmentApproximates(string? authenticated, string? from, bool expected)
        => Assert.Equal(expected, DomainAlignment.Aligned(authenticated, from));

    // d= is read from the tag list whatever the folding or case, and a signature without d= still counts as one.
    [Theory]
    [InlineData("v=1; a=rsa-sha256; d=Example.com; s=s1; b=abc", "example.com")]
    [InlineData("v=1;\r\n d=\r\n mail.example.com ;s=s1", "mail.example.com")]
    [InlineData("v=1; a=rsa-sha256; s=s1", "")]
    [InlineData("v=1; dd=evil.example; d=example.com", "example.com")]
    public void DkimDomain_Values_ReadTheDTag(string value, string expected)
        => Assert.Equal(expected, MailtoParser.DkimDomain(value));
}
