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

    // Rule: a domain that is not a valid host name (IdnMapping with STD3 rules: letters, digits,
    // hyphens) keeps its spelling, lower-cased, rather than getting a punycode form of its own.
    [Theory]
    [InlineData("casey@Bü_cher.example", "casey@bü_cher.example")]
    public void Normalize_DomainNotAHostName_KeepsItsSpellingLowerCased(string input, string expected)
        => Assert.Equal(expected, EmailAddress.Normalize(input));

    // Rule: without an @ the whole value is the key, lower-cased; with an empty local part the domain is still canonical.
    [Theory]
    [InlineData(" NoAtSign ", "noatsign")]
    [InlineData("@Bücher.example", "@xn--bcher-kva.example")]
    public void Normalize_NoLocalPartOrNoAt_StillOneKey(string input, string expected)
        => Assert.Equal(expected, EmailAddress.Normalize(input));

    // Rule: the old keys of a value without an @ are itself when it was not lower case, else none;
    // an empty local part still yields the old domain spellings.
    [Fact]
    public void LegacySpellings_NoAtOrEmptyLocalPart_OldKeysStillListed()
    {
        Assert.Equal(["NoAt"], EmailAddress.LegacySpellings("NoAt"));
        Assert.Empty(EmailAddress.LegacySpellings("noat"));
        Assert.Equal(["@Bücher.example", "@bücher.example"], EmailAddress.LegacySpellings("@Bücher.example"));
    }

    // Rule: a contact given in ASCII (punycode) is still found under the Unicode spelling an IDN
    // reply stored, with the local part's case as given and lower-cased.
    [Fact]
    public void LegacySpellings_PunycodeGiven_ListsTheUnicodeSpellings()
    {
        var sut = EmailAddress.LegacySpellings("Casey@XN--BCHER-KVA.example");

        Assert.Contains("Casey@bücher.example", sut);
        Assert.Contains("casey@bücher.example", sut);
        Assert.DoesNotContain("casey@xn--bcher-kva.example", sut);
    }

    // Rule: an ASCII-compatible label that is not valid punycode yields no spelling with an empty domain.
    [Theory]
    [InlineData("Casey@xn--a.example")]
    [InlineData("Casey@xn--ab-.example")]
    [InlineData("Casey@xn--0.example")]
    public void LegacySpellings_InvalidPunycode_NoEmptyDomain(string email)
        => Assert.DoesNotContain(EmailAddress.LegacySpellings(email), s => s.EndsWith('@'));

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
