using CrmMail.Cli.Commands;

namespace CrmMail.Cli;

/// <summary>Dispatches <c>crm-mail COMMAND [flags]</c>. Exit codes: 0 done, 1 failed, 2 bad usage.</summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int UsageError = 2;

    private const string Usage = """
        usage: crm-mail <command> [flags]

        commands:
          sign-url   sign a CloudFront URL (flags as `aws cloudfront sign`)
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider timeProvider)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Usage);
            return args.Length == 0 ? UsageError : Ok;
        }

        try
        {
            return args[0] switch
            {
                "sign-url" => SignUrlCommand.Run(CliArguments.Parse(args.AsSpan(1)), stdout, timeProvider),
                _ => throw new CliUsageException($"unknown command '{args[0]}' (try --help)"),
            };
        }
        catch (CliUsageException exception)
        {
            // One line, no stack trace: the message says what to fix.
            stderr.WriteLine("crm-mail: " + exception.Message);
            return UsageError;
        }
    }
}
