namespace CrmMail.Subscriptions.Tests;

public class EmailAddressTests
{
    // Rule: one canonical key per address: local part lower case, domain IDNA ASCII lower case.
    [Theory]
    [InlineData(" Payee@Example.COM ", "payee@example.com")]
    [InlineData("a@b.c", "a@b.c")]
    [InlineData("Käufer@Bücher.Example", "käufer@xn--bcher-kva.example")]
    [InlineData("kaeufer@XN--BCHER-KVA.example", "kaeufer@xn--bcher-kva.example")]
    [InlineData("kaeufer@bücher.example", "kaeufer@xn--bcher-kva.example")]
    [InlineData("kaeufer@BÜCHER.example", "kaeufer@xn--bcher-kva.example")]
    [InlineData("ivan@ПРИМЕР.РФ", "ivan@xn--e1afmkfd.xn--p1ai")]
    [InlineData("x@under_score.example", "x@under_score.example")]
    public void Normalize_LowercasesLocalPartAndPunycodesDomain(string input, string expected) => Assert.Equal(expected, EmailAddress.Normalize(input));

    // Rule: contacts stored under the old keys (local case kept, Unicode or ASCII domain) are still found.
    [Fact]
    public void LegacySpellings_MixedCaseIdn_ListsTheOldKeysButNotTheCanonicalOne()
    {
        var sut = EmailAddress.LegacySpellings("Casey@Bücher.example");

        Assert.Contains("Casey@Bücher.example", sut);
        Assert.Contains("Casey@bücher.example", sut);
        Assert.Contains("Casey@xn--bcher-kva.example", sut);
        Assert.Contains("casey@bücher.example", sut);
        Assert.DoesNotContain(EmailAddress.Normalize("Casey@Bücher.example"), sut);
        Assert.Empty(EmailAddress.LegacySpellings("casey@example.com"));
    }

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

    // Rule: the keyed hash is of the canonical key, so logs and tags agree across spellings.
    [Fact]
    public void Hash_AnySpellingOfOneAddress_SameValueAndNoAddressInside()
    {
        var sut = new PiiHasher(new byte[32]);

        Assert.Equal(sut.Hash("a@EXAMPLE.com"), sut.Hash("a@example.com"));
        Assert.Equal(sut.Hash("A@bücher.example"), sut.Hash("a@xn--bcher-kva.example"));
        Assert.Equal(16, sut.Hash("a@example.com").Length);
        Assert.NotEqual(sut.Hash("a@example.com"), new PiiHasher(Enumerable.Repeat((byte)1, 32).ToArray()).Hash("a@example.com"));
    }
}
