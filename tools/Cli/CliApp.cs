using CrmMail.Cli.Commands;
using CrmMail.Signing;

namespace CrmMail.Cli;

/// <summary>Dispatches <c>crm-mail COMMAND [flags]</c>. Exit codes: 0 done, 1 failed or rejected, 2 bad usage.</summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    private const string Usage = """
        usage: crm-mail <command> [flags]

        commands:
          sign-url   sign a CloudFront URL (flags as `aws cloudfront sign`)
          token      seal --email E --topic T [--purpose unsubscribe|resubscribe] | open TOKEN [--purpose ...]
                     (--endpoint-url URL --region R --key-id K --keys-table TABLE)
          invoke     FUNCTION --event FILE [--binary PATH | --in-process] [--timeout SECONDS]
          keys       generate [--type rsa|ecdsa] [--name NAME]
          serve      [--port 8080] [--data .crm-mail] [--aws-endpoint URL [--provision]] [--stage local]
                     the whole suite on 127.0.0.1: API, CloudFront stand-in, outbox and contact pages
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider timeProvider)
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
                "token" => await TokenCommand.RunAsync(CliArguments.Parse(args.AsSpan(1)), stdout, stderr, timeProvider).ConfigureAwait(false),
                "keys" => await KeysCommand.RunAsync(CliArguments.Parse(args.AsSpan(1)), stdout, timeProvider).ConfigureAwait(false),
                "serve" => await ServeCommand.RunAsync(CliArguments.Parse(args.AsSpan(1), "provision"), stdout, timeProvider).ConfigureAwait(false),
                "invoke" => await InvokeCommand.RunAsync(CliArguments.Parse(args.AsSpan(1), "in-process"), stdout, stderr).ConfigureAwait(false),
                _ => throw new CliUsageException($"unknown command '{args[0]}' (try --help)"),
            };
        }
        catch (CliUsageException exception)
        {
            // One line, no stack trace: the message says what to fix.
            await stderr.WriteLineAsync("crm-mail: " + exception.Message).ConfigureAwait(false);
            return UsageError;
        }
        catch (DependencyUnavailableException exception)
        {
            await stderr.WriteLineAsync("crm-mail: " + exception.Message).ConfigureAwait(false);
            return Failed;
        }
    }
}
