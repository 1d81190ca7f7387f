using CrmMail.Mail.Validation;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>
/// The address and mailbox rules of <see cref="AddressSyntax"/>, each at its edge: what is the
/// last accepted value and what is the first refused one.
/// </summary>
public class AddressSyntaxTests
{
    private static readonly string Local64 = new('l', 64);

    // Rule: an addr-spec has a non-empty dot-atom local part, an @ and a host name of at least two labels.
    [Theory]
    [InlineData("a@example.com", "a@example.com")]
    [InlineData("first.last+tag@example.com", "first.last+tag@example.com")]
    [InlineData("o'brien!#$%&*/=?^_`{|}~-@example.com", "o'brien!#$%&*/=?^_`{|}~-@example.com")]
    [InlineData("a@B\u00dcCHER.example", "a@xn--bcher-kva.example")]
    [InlineData("a@a-b.example.com", "a@a-b.example.com")]
    [InlineData("a@example.c0m", "a@example.c0m")]
    public void TryNormalizeAddress_ValidAddress_IsAcceptedWithAnAsciiDomain(string input, string expected)
    {
        Assert.True(AddressSyntax.TryNormalizeAddress(input, out var address));
        Assert.Equal(expected, address);
    }

    // Rule: every way an address can be malformed is refused, and a refusal leaves the output empty.
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("@example.com")]
    [InlineData("a@")]
    [InlineData("no-at-sign")]
    [InlineData(".a@example.com")]
    [InlineData("a.@example.com")]
    [InlineData("a..b@example.com")]
    [InlineData("a b@example.com")]
    [InlineData("\"quoted\"@example.com")]
    [InlineData("a(b)@example.com")]
    [InlineData("a@localhost")]
    [InlineData("a@example..com")]
    [InlineData("a@example.com.")]
    [InlineData("a@-example.com")]
    [InlineData("a@example-.com")]
    [InlineData("a@exa_mple.com")]
    [InlineData("a@1.2.3.4")]
    [InlineData("a@example.123")]
    public void TryNormalizeAddress_MalformedAddress_IsRefused(string? input)
    {
        Assert.False(AddressSyntax.TryNormalizeAddress(input, out var address));
        Assert.Equal(string.Empty, address);
    }

    // Rule: the local part holds at most 64 characters (RFC 5321 §4.5.3.1.1).
    [Fact]
    public void TryNormalizeAddress_LocalPartOf64And65_AcceptsOnlyThe64()
    {
        Assert.True(AddressSyntax.TryNormalizeAddress(Local64 + "@example.com", out _));
        Assert.False(AddressSyntax.TryNormalizeAddress(Local64 + "l@example.com", out _));
    }

    // Rule: a domain label holds at most 63 characters.
    [Fact]
    public void TryNormalizeAddress_LabelOf63And64_AcceptsOnlyThe63()
    {
        Assert.True(AddressSyntax.TryNormalizeAddress("a@" + new string('d', 63) + ".com", out _));
        Assert.False(AddressSyntax.TryNormalizeAddress("a@" + new string('d', 64) + ".com", out _));
    }

    // Rule: the whole address holds at most 254 characters (a longer one cannot be a forward-path).
    [Fact]
    public void TryNormalizeAddress_AddressOf254And255_AcceptsOnlyThe254()
    {
        // 64 + 1 + 189 = 254: labels of 60, 60 and 63 with their dots (185) and ".com".
        var domain254 = string.Join('.', new string('a', 60), new string('b', 60), new string('c', 63)) + ".com";
        Assert.Equal(189, domain254.Length);
        Assert.True(AddressSyntax.TryNormalizeAddress(Local64 + "@" + domain254, out var accepted));
        Assert.Equal(254, accepted.Length);
        Assert.False(AddressSyntax.TryNormalizeAddress(Local64 + "@x" + domain254, out _));
    }

    // Rule: a domain longer than 253 characters is refused even with short labels.
    [Fact]
    public void TryNormalizeAddress_DomainOver253_IsRefused()
    {
        var domain = string.Join('.', Enumerable.Repeat("abc", 64)) + ".com"; // 255 + 4
        Assert.False(AddressSyntax.TryNormalizeAddress("a@" + domain, out _));
    }

    // Rule: input over 320 characters is refused before any parsing.
    [Fact]
    public void TryNormalizeAddress_Over320Characters_IsRefused()
        => Assert.False(AddressSyntax.TryNormalizeAddress(new string('a', 300) + "@" + new string('b', 20) + ".com", out _));

    // Rule: a bare address is a valid From; surrounding white space is dropped.
    [Fact]
    public void TryNormalizeMailbox_BareAddress_IsTheAddress()
    {
        Assert.True(AddressSyntax.TryNormalizeMailbox("  reports@B\u00dcCHER.example  ", out var mailbox));
        Assert.Equal("reports@xn--bcher-kva.example", mailbox);
    }

    // Rule: a mailbox is refused when empty, over 512 characters, holding any control character
    // (tab, CR, LF, NUL: no header break anywhere), not closed by '>' or with a bad address.
    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("Reports\t<reports@example.com>")]
    [InlineData("Reports <reports@example.com>\n")]
    [InlineData("Reports\0 <reports@example.com>")]
    [InlineData("Reports <reports@example.com")]
    [InlineData("Reports <reports@example.com> x")]
    [InlineData("Reports <not-an-address>")]
    [InlineData("Reports <>")]
    [InlineData("bad address@example.com")]
    public void TryNormalizeMailbox_Malformed_IsRefused(string? input)
    {
        Assert.False(AddressSyntax.TryNormalizeMailbox(input, out var mailbox));
        Assert.Equal(string.Empty, mailbox);
    }

    // Rule: a mailbox of at most 512 characters is read; one character more is refused.
    [Fact]
    public void TryNormalizeMailbox_512And513Characters_AcceptsOnlyThe512()
    {
        const string tail = " <reports@example.com>";
        var name = "\"" + new string('n', 250) + "\"" + new string(' ', 512 - 252 - tail.Length);
        Assert.True(AddressSyntax.TryNormalizeMailbox(name + tail, out var mailbox));
        Assert.Equal(new string('n', 250) + tail, mailbox);
        Assert.False(AddressSyntax.TryNormalizeMailbox(name + " " + tail, out _));
    }

    // Rule: a display name holds at most 256 characters.
    [Fact]
    public void TryNormalizeMailbox_NameOf256And257_AcceptsOnlyThe256()
    {
        Assert.True(AddressSyntax.TryNormalizeMailbox(new string('n', 256) + " <a@example.com>", out _));
        Assert.False(AddressSyntax.TryNormalizeMailbox(new string('n', 257) + " <a@example.com>", out _));
    }

    // Rule: an empty name ("<a@example.com>") is the bare address; an empty quoted name too.
    [Theory]
    [InlineData("<a@example.com>")]
    [InlineData("\"\" <a@example.com>")]
    public void TryNormalizeMailbox_EmptyName_IsTheBareAddress(string input)
    {
        Assert.True(AddressSyntax.TryNormalizeMailbox(input, out var mailbox));
        Assert.Equal("a@example.com", mailbox);
    }

    // Rule: a quoted name may escape any character; a trailing backslash or open quote is refused.
    [Theory]
    [InlineData("\"a\\\" <a@example.com>")]
    [InlineData("\"a\\")]
    [InlineData("\"unterminated <a@example.com>")]
    public void TryNormalizeMailbox_UnterminatedQuoteOrEscape_IsRefused(string input)
        => Assert.False(AddressSyntax.TryNormalizeMailbox(input, out _));

    // Rule: names of atoms and spaces stay bare; anything else (dot, comma, quote, backslash,
    // non-ASCII) is quoted with '"' and '\' escaped, so the name cannot end early.
    [Theory]
    [InlineData(null, "a@example.com")]
    [InlineData("", "a@example.com")]
    [InlineData("Team 7 !#$%&'*+-/=?^_`{|}~", "Team 7 !#$%&'*+-/=?^_`{|}~ <a@example.com>")]
    [InlineData("J. Smith", "\"J. Smith\" <a@example.com>")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\" <a@example.com>")]
    [InlineData("C:\\x", "\"C:\\\\x\" <a@example.com>")]
    [InlineData("<b@evil.example>", "\"<b@evil.example>\" <a@example.com>")]
    public void FormatMailbox_Name_IsBareOnlyWhenAtoms(string? name, string expected)
        => Assert.Equal(expected, AddressSyntax.FormatMailbox(name, "a@example.com"));

    // Rule: splitting reads back the address and the name without quotes; control characters,
    // a missing '>' or an empty mailbox are refused.
    [Theory]
    [InlineData("a@example.com", null, "a@example.com", true)]
    [InlineData(" a@example.com ", null, "a@example.com", true)]
    [InlineData("Team <a@example.com>", "Team", "a@example.com", true)]
    [InlineData("<a@example.com>", null, "a@example.com", true)]
    [InlineData("Team <>", "Team", "", false)]
    [InlineData("Team <a@example.com", null, "", false)]
    [InlineData("Te\nam <a@example.com>", null, "", false)]
    [InlineData("", null, "", false)]
    [InlineData("   ", null, "", false)]
    [InlineData("\"open <a@example.com>", null, "", false)]
    public void TrySplitMailbox_Mailbox_GivesNameAndAddress(string input, string? name, string address, bool ok)
    {
        Assert.Equal(ok, AddressSyntax.TrySplitMailbox(input, out var displayName, out var split));
        Assert.Equal(address, split);
        if (ok)
        {
            Assert.Equal(name, displayName);
        }
    }
}
