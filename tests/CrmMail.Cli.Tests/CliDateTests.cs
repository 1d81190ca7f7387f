namespace CrmMail.Cli.Tests;

public class CliDateTests
{
    [Theory]
    [InlineData("2031-05-01", 1935360000)]
    [InlineData("2031-05-01T10:00:00Z", 1935396000)]
    [InlineData("2031-05-01T10:00:00", 1935396000)]
    [InlineData("2031-05-01T12:00:00+02:00", 1935396000)]
    [InlineData("1935396000", 1935396000)]
    public void Parse_SupportedForms_GiveTheInstant(string value, long epoch)
        => Assert.Equal(epoch, CliDate.Parse("date-less-than", value).ToUnixTimeSeconds());

    [Theory]
    [InlineData("")]
    [InlineData("01/05/2031")]
    [InlineData("-5")]
    [InlineData("99999999999999999999")]
    public void Parse_Other_IsAUsageError(string value)
        => Assert.Throws<CliUsageException>(() => CliDate.Parse("date-less-than", value));
}
