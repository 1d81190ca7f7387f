using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Cli.Tests.Commands;

public class SignUrlCommandTests
{
    private static readonly string Pkcs1 = TestPaths.Fixture("cloudfront", "test-private-key.pkcs1.pem");

    internal static async Task<(int ExitCode, string StdOut, string StdErr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, stdout, stderr, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)));
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("https://d111111abcdef8.cloudfront.net/reports/2025/08/DN-10042.pdf", "--date-less-than", "2031-05-01")]
    [InlineData("https://d111111abcdef8.cloudfront.net/reports/2025/08/DN-10042.pdf", "--date-less-than", "1900000000", "--ip-address", "203.0.113.0/24")]
    [InlineData("https://d111111abcdef8.cloudfront.net/r/a.pdf?x=1", "--date-less-than", "2031-05-01T10:00:00Z", "--date-greater-than", "2030-01-01")]
    public async Task SignUrl_SameFlagsAsAwsCli_PrintsTheSameUrl(string url, params string[] dateFlags)
    {
        string[] common = ["--url", url, "--key-pair-id", "KCLI2", "--private-key", "file://" + Pkcs1, .. dateFlags];
        var (awsExit, awsOut, awsErr) = await ProcessRunner.RunAsync("aws", ["cloudfront", "sign", .. common], TimeSpan.FromMinutes(1),
            environment: new Dictionary<string, string> { ["AWS_DEFAULT_REGION"] = "us-east-1", ["TZ"] = "UTC" });
        Assert.True(awsExit == 0, awsErr);

        var (exitCode, stdout, stderr) = await Run(["sign-url", .. common]);

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(awsOut.Trim(), stdout.Trim());
        Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task SignUrl_PolicyResourceDifferentFromUrl_UsesACustomPolicy()
    {
        var (exitCode, stdout, _) = await Run("sign-url", "--url", "https://d1.example.net/r/a.pdf", "--policy-resource", "https://d1.example.net/r/*",
            "--key-pair-id", "K1", "--private-key", Pkcs1, "--date-less-than", "2031-01-01", "--hash-algorithm", "SHA256");

        Assert.Equal(0, exitCode);
        Assert.Contains("?Policy=", stdout, StringComparison.Ordinal);
        Assert.EndsWith("&Key-Pair-Id=K1&Hash-Algorithm=SHA256", stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUrl_EcdsaKey_SignsWithSha256()
    {
        var (exitCode, stdout, stderr) = await Run("sign-url", "--url", "https://d1.example.net/a.pdf", "--key-pair-id", "K1",
            "--private-key", "file://" + TestPaths.Fixture("cloudfront", "test-ecdsa-p256-private-key.pem"), "--date-less-than", "2031-01-01");

        Assert.True(exitCode == 0, stderr);
        Assert.EndsWith("&Hash-Algorithm=SHA256", stdout.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--key-pair-id", "K1", "--private-key", "file:///missing.pem", "--date-less-than", "2031-01-01")]
    [InlineData("--url", "https://d1.example.net/a.pdf", "--private-key", "file:///missing.pem", "--date-less-than", "2031-01-01")]
    [InlineData("--url", "https://d1.example.net/a.pdf", "--key-pair-id", "K1", "--private-key", "file:///missing.pem", "--date-less-than", "2031-01-01")]
    [InlineData("--url", "https://d1.example.net/a.pdf", "--key-pair-id", "K1", "--private-key", "PKCS1", "--date-less-than", "next tuesday")]
    [InlineData("--url", "https://d1.example.net/a b.pdf", "--key-pair-id", "K1", "--private-key", "PKCS1", "--date-less-than", "2031-01-01")]
    [InlineData("--url", "https://d1.example.net/a.pdf", "--key-pair-id", "K1", "--private-key", "PKCS1", "--date-less-than", "2031-01-01", "--hash-algorithm", "MD5")]
    [InlineData("--url", "https://d1.example.net/a.pdf", "--key-pair-id", "K1", "--private-key", "PKCS1", "--date-less-than", "2031-01-01", "--ip-address", "::1")]
    [InlineData("--url", "https://d1.example.net/a.pdf", "--key-pair-id", "K1", "--private-key", "PKCS1", "--date-less-than", "2031-01-01", "--date-greater-than", "2032-01-01")]
    [InlineData("--url", "https://d1.example.net/a.pdf", "--key-pair-id", "K1", "--private-key", "PKCS1", "--date-less-than", "2031-01-01", "--expires", "1")]
    [InlineData("--url", "https://d1.example.net/a.pdf", "--key-pair-id", "K1", "--private-key", "PKCS1", "--date-less-than")]
    public async Task SignUrl_BadInput_OneLineOnStderrAndExitCode2(params string[] flags)
    {
        var resolved = flags.Select(f => f == "PKCS1" ? Pkcs1 : f).ToArray();

        var (exitCode, stdout, stderr) = await Run(["sign-url", .. resolved]);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("crm-mail: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownCommand_IsAUsageError()
        => Assert.Equal(2, (await Run("frobnicate")).ExitCode);
}
