namespace CrmMail.Campaigns.Tests;

public sealed class CampaignPacerTests
{
    // Rule: instances together stay under the account's rate: each gets rate / max concurrency.
    [Theory]
    [InlineData(14, 2, 7)]
    [InlineData(14, 10, 1.4)]
    [InlineData(500, 4, 125)]
    public void PerInstanceRate_SplitsTheAccountRate(double rate, int concurrency, double expected)
        => Assert.Equal(expected, CampaignPacer.PerInstanceRate(rate, concurrency), 9);

    // Rule: the bucket's tokens per period over its period is exactly the rate, without a burst above one step.
    [Theory]
    [InlineData(1.4)]
    [InlineData(7)]
    [InlineData(125)]
    [InlineData(3000)]
    public void Options_TokensOverPeriod_IsTheRate(double perSecond)
    {
        var options = CampaignPacer.Options(perSecond);

        Assert.Equal(perSecond, options.TokensPerPeriod / options.ReplenishmentPeriod.TotalSeconds, 3);
        Assert.Equal(options.TokensPerPeriod, options.TokenLimit);
        Assert.True(options.ReplenishmentPeriod >= CampaignPacer.Step || options.TokensPerPeriod == 1);
    }
}
