using CrmMail.Cli.Tests.Commands;

namespace CrmMail.Cli.Tests;

/// <summary>The command line as a whole: per-command help, and errors as one line with exit code 2.</summary>
public class CliAppTests
{
    // Rule: `crm-mail COMMAND --help` prints that command's usage and flags on stdout, exit 0.
    [Theory]
    [InlineData("sign-url", "--date-less-than")]
    [InlineData("token seal", "--topic")]
    [InlineData("token open", "TOKEN")]
    [InlineData("keys generate", "--private-key-out")]
    [InlineData("invoke", "--binary")]
    [InlineData("serve", "--aws-endpoint")]
    [InlineData("contacts export", "--list")]
    [InlineData("contacts import", "--file")]
    [InlineData("smoke", "--stage-url")]
    [InlineData("openapi", "--out")]
    public async Task Help_EachCommand_PrintsItsOwnUsage(string command, string flag)
    {
        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run([.. command.Split(' '), "--help"]);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("crm-mail " + command, stdout, StringComparison.Ordinal);
        Assert.Contains(flag, stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    // Rule: a bare `crm-mail` lists the commands and is still a usage error for scripts.
    [Fact]
    public async Task Run_NoArguments_ListsTheCommandsAndExits2()
    {
        var (exitCode, stdout, _) = await SignUrlCommandTests.Run();

        Assert.Equal(CliApp.UsageError, exitCode);
        Assert.Contains("smoke", stdout, StringComparison.Ordinal);
        Assert.Contains("contacts", stdout, StringComparison.Ordinal);
    }

    // Rule: a typo is named in the one error line, with where to look.
    [Fact]
    public async Task Run_UnknownCommand_OneLineNamingItAndTheHelp()
    {
        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run("frobnicate");

        Assert.Equal(CliApp.UsageError, exitCode);
        Assert.Empty(stdout);
        Assert.Equal("crm-mail: unknown command, flag or argument 'frobnicate' (see crm-mail --help)", stderr.Trim());
    }
}
