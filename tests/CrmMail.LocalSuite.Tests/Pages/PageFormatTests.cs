using CrmMail.LocalSuite.Pages;

namespace CrmMail.LocalSuite.Tests.Pages;

public class PageFormatTests
{
    // Rule: a token age reads the way a person says it ("4 min"), not as a TimeSpan ("0.00:04:30").
    [Theory]
    [InlineData(0, 0, 0, 42, "42 s")]
    [InlineData(0, 0, 4, 30, "4 min")]
    [InlineData(0, 2, 0, 10, "2 h")]
    [InlineData(0, 3, 5, 0, "3 h 5 min")]
    [InlineData(12, 4, 59, 0, "12 d 4 h")]
    public void Age_ReadsLikeSpeech(int days, int hours, int minutes, int seconds, string expected)
        => Assert.Equal(expected, PageFormat.Age(new TimeSpan(days, hours, minutes, seconds)));

    // Rule: a date on a page names its time zone.
    [Fact]
    public void Instant_AnyOffset_IsShownInUtcWithItsZone()
        => Assert.Equal("2026-11-30 09:43:35 UTC", PageFormat.Instant(new DateTimeOffset(2026, 11, 30, 10, 43, 35, TimeSpan.FromHours(1))));
}
