using System.Globalization;
using CrmMail.Lambda.Core;
using CrmMail.LocalSuite;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail serve [--port 8080] [--data .crm-mail] [--aws-endpoint URL [--provision]] [--stage local]</c>:
/// the whole suite on 127.0.0.1 until Ctrl+C. With no flags it needs no AWS account: keys,
/// contacts, audit and outbox live in the data folder (made on first run). The functions'
/// own variables (UNSUBSCRIBE_GET_MODE, SEND_MAIL_MAX_RECIPIENTS, ...) are read from the environment.
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, TimeProvider timeProvider)
    {
        var portText = args.Optional("port") ?? "8080";
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new CliUsageException("--port must be a port number (0: any free port)");
        }

        var endpointText = args.Optional("aws-endpoint");
        Uri? endpoint = null;
        if (endpointText is not null && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw new CliUsageException("--aws-endpoint must be an http(s) URL, for example http://127.0.0.1:5000 (moto_server)");
        }

        var provision = args.Optional("provision") == "true";
        if (provision && endpoint is null)
        {
            throw new CliUsageException("--provision needs --aws-endpoint");
        }

        var stage = args.Optional("stage") ?? "local";
        if (stage.Length == 0 || !stage.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new CliUsageException("--stage must be letters, digits, - or _");
        }

        var data = args.Optional("data") ?? ".crm-mail";
        args.EnsureNoneUnknown();

        await using var suite = await LocalSuite.LocalSuite.StartAsync(new LocalSuiteOptions
        {
            Port = port,
            DataDirectory = data,
            AwsEndpoint = endpoint,
            Provision = provision,
            Stage = stage,
            Environment = SystemEnvironmentVariables.Instance,
            Log = stdout,
            TimeProvider = timeProvider,
        }).ConfigureAwait(false);
        await stdout.WriteAsync(suite.Describe()).ConfigureAwait(false);
        await stdout.WriteLineAsync("Ctrl+C stops it.").ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
        await suite.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        return CliApp.Ok;
    }
}
