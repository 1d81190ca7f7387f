using System.CommandLine;
using System.CommandLine.Invocation;
using Amazon.Runtime;
using CrmMail.Cli.Commands;
using CrmMail.Kernel;

namespace CrmMail.Cli;

/// <summary>
/// <c>crm-mail COMMAND [flags]</c> on System.CommandLine: per-command <c>--help</c>, validation
/// and completion. Exit codes: 0 done, 1 failed or rejected, 2 bad usage. Every error is one
/// line on stderr starting with <c>crm-mail: </c>, never a stack trace.
/// </summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageError = 2;
    public const int Interrupted = 130;

    public static RootCommand BuildRoot(CliContext cli)
    {
        var root = new RootCommand("crm-mail: the CRM mail suite's command-line tool")
        {
            SignUrlCommand.Create(cli),
            TokenCommand.Create(cli),
            KeysCommand.Create(cli),
            InvokeCommand.Create(cli),
            ServeCommand.Create(cli),
            ContactsCommand.Create(cli),
            SmokeCommand.Create(cli),
            TemplatesCommand.Create(cli),
            OpenApiCommand.Create(cli),
            SpacesCommand.Create(cli),
            CampaignCommand.Create(cli),
        };
        // The usage lines say crm-mail however it was started (dotnet crm-mail.dll, a test host).
        root.HelpName = "crm-mail";
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider timeProvider)
    {
        var cli = new CliContext(stdout, stderr, timeProvider);
        var root = BuildRoot(cli);
        // No @response-file expansion: a token or a URL starting with @ is a value, not a file.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        if (args.Length == 0)
        {
            // A bare `crm-mail` shows what there is (and is still a usage error for scripts).
            await root.Parse(["--help"]).InvokeAsync(invocation).ConfigureAwait(false);
            return UsageError;
        }

        if (parse.Action is ParseErrorAction)
        {
            var command = parse.CommandResult.Command;
            var path = command is RootCommand ? "crm-mail" : "crm-mail " + CommandPath(parse);
            // An unknown word explains the other errors (a typo'd command is also "no command"): it goes first.
            var message = parse.UnmatchedTokens.Count > 0 ? $"unknown command, flag or argument '{parse.UnmatchedTokens[0]}'" : OneLine(parse.Errors[0].Message).TrimEnd('.');
            await stderr.WriteLineAsync($"crm-mail: {message} (see {path} --help)").ConfigureAwait(false);
            return UsageError;
        }

        try
        {
            return await parse.InvokeAsync(invocation).ConfigureAwait(false);
        }
        catch (CliUsageException exception)
        {
            // The message says what to fix.
            await stderr.WriteLineAsync("crm-mail: " + OneLine(exception.Message)).ConfigureAwait(false);
            return UsageError;
        }
        catch (CliFailureException exception)
        {
            await stderr.WriteLineAsync("crm-mail: " + OneLine(exception.Message)).ConfigureAwait(false);
            return Failed;
        }
        catch (DependencyUnavailableException exception)
        {
            await stderr.WriteLineAsync("crm-mail: " + OneLine(exception.Message)).ConfigureAwait(false);
            return Failed;
        }
        catch (AmazonServiceException exception)
        {
            // A missing KMS alias, table or permission: the service's own code and message.
            await stderr.WriteLineAsync($"crm-mail: AWS error {exception.ErrorCode ?? exception.GetType().Name}: {OneLine(exception.Message)}").ConfigureAwait(false);
            return Failed;
        }
        catch (AmazonClientException exception)
        {
            // No credentials, no region, an unreachable endpoint.
            await stderr.WriteLineAsync("crm-mail: AWS client error: " + OneLine(exception.Message)).ConfigureAwait(false);
            return Failed;
        }
        catch (HttpRequestException exception)
        {
            await stderr.WriteLineAsync("crm-mail: " + OneLine(exception.Message)).ConfigureAwait(false);
            return Failed;
        }
        catch (IOException exception)
        {
            await stderr.WriteLineAsync("crm-mail: " + OneLine(exception.Message)).ConfigureAwait(false);
            return Failed;
        }
        catch (UnauthorizedAccessException exception)
        {
            await stderr.WriteLineAsync("crm-mail: " + OneLine(exception.Message)).ConfigureAwait(false);
            return Failed;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the shell's convention for an interrupted command.
            await stderr.WriteLineAsync("crm-mail: cancelled").ConfigureAwait(false);
            return Interrupted;
        }
#pragma warning disable CA1031 // The last resort of a command-line tool: a bug still ends as one line, never a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"crm-mail: unexpected {exception.GetType().Name}: {OneLine(exception.Message)}").ConfigureAwait(false);
            return Failed;
        }
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Command is not RootCommand; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }

    // A message that spans lines (an SDK's, an OS error's) still makes one line.
    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
