using System.Security.Cryptography;
using System.Text;

namespace CrmMail.Subscriptions.Tests;

/// <summary>
/// The small rules the inbound paths lean on: which recipient or sender is plausible enough to
/// act on, which stream marker names a topic, the keyed hash and the send gate's precedence.
/// </summary>
public class PlausibilityAndMarkerTests
{
    // Rule: a plausible address has one @ after a local part of 1–64 characters, a dotted domain
    // that neither starts nor ends with a dot, at most 254 characters, and nothing that could
    // break a header or a list (white space, control characters, <>,;"\()[]).
    [Theory]
    [InlineData("a@b.c", true)]
    [InlineData("@example.com", false)]
    [InlineData("a@", false)]
    [InlineData("a@.example.com", false)]
    [InlineData("a@example.com.", false)]
    [InlineData("a@example.com ", false)]
    [InlineData("a\t@example.com", false)]
    [InlineData("a\u0001@example.com", false)]
    [InlineData("a<b@example.com", false)]
    [InlineData("a>b@example.com", false)]
    [InlineData("a,b@example.com", false)]
    [InlineData("a;b@example.com", false)]
    [InlineData("a\"b@example.com", false)]
    [InlineData("a\\b@example.com", false)]
    [InlineData("a(b@example.com", false)]
    [InlineData("a)b@example.com", false)]
    [InlineData("a[b@example.com", false)]
    [InlineData("a]b@example.com", false)]
    [InlineData("a@b@example.com", false)]
    [InlineData(null, false)]
    public void IsPlausible_EachStructuralRule_Holds(string? input, bool expected)
        => Assert.Equal(expected, EmailAddress.IsPlausible(input));

    // Rule: the local part may be 64 characters, not 65.
    [Fact]
    public void IsPlausible_LocalPartOf64And65_OnlyThe64()
    {
        Assert.True(EmailAddress.IsPlausible(new string('l', 64) + "@example.com"));
        Assert.False(EmailAddress.IsPlausible(new string('l', 65) + "@example.com"));
    }

    // Rule: the whole address may be 254 characters, not 255.
    [Fact]
    public void IsPlausible_AddressOf254And255_OnlyThe254()
    {
        var domain = new string('d', 254 - 2 - 4) + ".com";
        Assert.True(EmailAddress.IsPlausible("a@" + domain));
        Assert.False(EmailAddress.IsPlausible("ab@" + domain));
    }

    // Rule: the marker of a topic is "stream:" + topic; only our topics have one.
    [Fact]
    public void For_KnownAndUnknownTopic()
    {
        Assert.Equal("stream:financial", StreamTag.For(Topics.Financial));
        Assert.Equal("stream:outreach", StreamTag.For(Topics.Outreach));
        Assert.Throws<ArgumentOutOfRangeException>(() => StreamTag.For("marketing"));
    }

    // Rule: the marker is read case-insensitively and trimmed; other tags are ignored; markers
    // that disagree, or one naming an unknown topic, name no topic (everything is unsubscribed).
    [Theory]
    [InlineData(new[] { "stream:financial" }, "financial")]
    [InlineData(new[] { "Statements", "STREAM:Outreach " }, "outreach")]
    [InlineData(new[] { "financial", "outreach" }, null)]
    [InlineData(new[] { "stream:financial", "stream:financial" }, "financial")]
    [InlineData(new[] { "stream:financial", "stream:outreach" }, null)]
    [InlineData(new[] { "stream:outreach", "stream:financial" }, null)]
    [InlineData(new[] { "stream:financial", "stream:marketing" }, null)]
    [InlineData(new[] { "stream:marketing", "stream:financial" }, null)]
    [InlineData(new[] { "xstream:financial" }, null)]
    [InlineData(new string[0], null)]
    public void Read_Markers_NameOneTopicOrNone(string[] tags, string? expected)
        => Assert.Equal(expected, StreamTag.Read(tags));

    // Rule: a null entry among the tags is skipped, not a crash.
    [Fact]
    public void Read_NullTag_IsSkipped()
        => Assert.Equal("outreach", StreamTag.Read([null!, "stream:outreach"]));

    // Rule: the keyed hash is the first 8 bytes of HMAC-SHA256(key, canonical address), in lower-case hex.
    [Fact]
    public void Hash_IsTruncatedHmacOfTheCanonicalKey()
    {
        var key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("casey@xn--bcher-kva.example"))[..8]);

        Assert.Equal(expected, new PiiHasher(key).Hash(" Casey@Bücher.example"));
    }

    // Rule: the hash key is at least 16 bytes (a shorter key is a configuration error).
    [Fact]
    public void PiiHasher_KeyOf15Bytes_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new PiiHasher(new byte[15]));
        Assert.Equal(16, new PiiHasher(new byte[16]).Hash("a@example.com").Length);
    }

    // Rule (send gate): unsubscribe-all wins over everything; then the contact's own preference;
    // then the list's topic default; then the fallback the caller names.
    [Fact]
    public void IsSubscribed_Precedence()
    {
        var defaults = new[] { new TopicPreference(Topics.Financial, SubscriptionStatus.OptOut), new TopicPreference(Topics.Outreach, SubscriptionStatus.OptIn) };
        var optedIn = new Contact("a@example.com", [new TopicPreference(Topics.Financial, SubscriptionStatus.OptIn)], false, defaults);
        var bare = new Contact("a@example.com", [], false, defaults);

        Assert.True(optedIn.IsSubscribed(Topics.Financial));
        Assert.False(bare.IsSubscribed(Topics.Financial));
        Assert.True(bare.IsSubscribed(Topics.Outreach));
        Assert.False((optedIn with { UnsubscribeAll = true }).IsSubscribed(Topics.Financial));
        Assert.True(bare.IsSubscribed("other"));
        Assert.False(bare.IsSubscribed("other", SubscriptionStatus.OptOut));
        Assert.Equal(["financial", "outreach"], optedIn.KnownTopics.Order(StringComparer.Ordinal));
    }

    // Rule: only the suite's two topics are known.
    [Theory]
    [InlineData("financial", true)]
    [InlineData("outreach", true)]
    [InlineData("Financial", false)]
    [InlineData(null, false)]
    public void IsKnown_OnlyOurTopics(string? topic, bool expected) => Assert.Equal(expected, Topics.IsKnown(topic));
}
