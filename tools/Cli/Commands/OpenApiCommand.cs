using System.CommandLine;
using System.Text;
using CrmMail.ApiDocs;
using CrmMail.Routes;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail openapi [--out FILE] [--server URL]</c>: the suite's OpenAPI 3 document (the one
/// serve publishes at /openapi.json), on stdout or into FILE, with the stage's base URL as its
/// server when given.
/// </summary>
internal static class OpenApiCommand
{
    public static Command Create(CliContext cli)
    {
        var output = CliOptions.Optional("--out", "write the document to this file instead of stdout");
        var server = CliOptions.Optional("--server", "the stage's base URL, e.g. https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        var command = new Command("openapi", "print the API's OpenAPI 3 document (JSON), built from the route table") { output, server };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(output), parse.GetValue(server), cli, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? output, string? server, CliContext cli, CancellationToken cancellationToken)
    {
        Uri? serverUrl = null;
        if (server is not null && (!Uri.TryCreate(server, UriKind.Absolute, out serverUrl) || serverUrl.Scheme is not ("https" or "http")))
        {
            throw new CliUsageException($"--server '{server}' is not an http(s) URL");
        }

        var json = ApiDocument.ToJson(ApiDocument.Build(RouteTable.All, serverUrl));
        if (output is null)
        {
            await cli.Out.WriteLineAsync(json).ConfigureAwait(false);
            return CliApp.Ok;
        }

        try
        {
            await File.WriteAllTextAsync(output, json + "\n", new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--out: cannot write '{output}': {exception.Message}");
        }

        await cli.Error.WriteLineAsync("crm-mail: wrote " + output).ConfigureAwait(false);
        return CliApp.Ok;
    }
}
