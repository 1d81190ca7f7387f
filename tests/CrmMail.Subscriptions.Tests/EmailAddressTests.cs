namespace CrmMail.Subscriptions.Tests;

public class EmailAddressTests
{
    [Theory]
    [InlineData(" Payee@Example.COM ", "Payee@example.com")]
    [InlineData("a@b.c", "a@b.c")]
    public void Normalize_LowercasesTheDomainOnly(string input, string expected) => Assert.Equal(expected, EmailAddress.Normalize(input));

    [Theory]
    [InlineData("payee@example.com", true)]
    [InlineData("payee+1@sub.example.co.uk", true)]
    [InlineData("no-at-sign", false)]
    [InlineData("two@@example.com", false)]
    [InlineData("a b@example.com", false)]
    [InlineData("a@example", false)]
    [InlineData("a@example.com\r\nBcc: x@y.z", false)]
    [InlineData("", false)]
    public void IsPlausible_Structure(string input, bool expected) => Assert.Equal(expected, EmailAddress.IsPlausible(input));

    [Fact]
    public void Hash_SameAddressAnyDomainCase_SameValueAndNoAddressInside()
    {
        var sut = new PiiHasher(new byte[32]);

        Assert.Equal(sut.Hash("a@EXAMPLE.com"), sut.Hash("a@example.com"));
        Assert.Equal(16, sut.Hash("a@example.com").Length);
        Assert.NotEqual(sut.Hash("a@example.com"), new PiiHasher(Enumerable.Repeat((byte)1, 32).ToArray()).Hash("a@example.com"));
    }
}
