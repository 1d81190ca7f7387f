using System.CommandLine;
using System.Net.Sockets;
using CrmMail.Lambda.Core;
using CrmMail.LocalSuite;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail serve [--port 8080] [--data .crm-mail] [--aws-endpoint URL [--provision]] [--stage local]</c>:
/// the whole suite on 127.0.0.1 until Ctrl+C. With no flags it needs no AWS account: keys,
/// contacts, audit and outbox live in the data folder (made on first run). The functions'
/// own variables (CrmMail.Settings.Catalogue: the GET mode, the send limits, ...) are read from the environment.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext cli)
    {
        var port = new Option<int>("--port") { Description = "the port on 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 8080 };
        var data = new Option<string>("--data") { Description = "the data folder: keys, contacts, audit, outbox (made on first run)", DefaultValueFactory = _ => ".crm-mail" };
        var awsEndpoint = CliOptions.Optional("--aws-endpoint", "use the real AWS adapters against this endpoint, for example http://127.0.0.1:5000 (moto_server)");
        var provision = CliOptions.Switch("--provision", "create the tables, key, contact list and bucket at --aws-endpoint");
        var stage = new Option<string>("--stage") { Description = "the API stage in every URL (letters, digits, - or _)", DefaultValueFactory = _ => "local" };
        stage.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (string.IsNullOrEmpty(value) || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                result.AddError("--stage must be letters, digits, - or _");
            }
        });
        var command = new Command("serve", "run the whole suite on 127.0.0.1: API, CloudFront stand-in, outbox and contact pages") { port, data, awsEndpoint, provision, stage };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(port), parse.GetRequiredValue(data), parse.GetValue(awsEndpoint), parse.GetValue(provision), parse.GetRequiredValue(stage), cli, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int port, string data, string? endpointText, bool provision, string stage, CliContext cli, CancellationToken cancellationToken)
    {
        // Checked here rather than in a validator: System.CommandLine runs validators even after a failed conversion.
        if (port is < 0 or > 65535)
        {
            throw new CliUsageException("--port must be a port number (0: any free port)");
        }

        Uri? endpoint = null;
        if (endpointText is not null && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw new CliUsageException("--aws-endpoint must be an http(s) URL, for example http://127.0.0.1:5000 (moto_server)");
        }

        if (provision && endpoint is null)
        {
            throw new CliUsageException("--provision needs --aws-endpoint");
        }

        var options = new LocalSuiteOptions
        {
            Port = port,
            DataDirectory = data,
            AwsEndpoint = endpoint,
            Provision = provision,
            Stage = stage,
            Environment = SystemEnvironmentVariables.Instance,
            Log = cli.Out,
            TimeProvider = cli.Time,
        };
        LocalSuite.LocalSuite suite;
        try
        {
            suite = await LocalSuite.LocalSuite.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception) when (IsAddressInUse(exception))
        {
            throw new CliFailureException($"port {port} on 127.0.0.1 is in use (another serve?); pick another with --port, or --port 0 for any free one");
        }

        await using (suite.ConfigureAwait(false))
        {
            await cli.Out.WriteAsync(suite.Describe()).ConfigureAwait(false);
            await cli.Out.WriteLineAsync("Ctrl+C stops it.").ConfigureAwait(false);
            await cli.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            // Ctrl+C cancels the token (System.CommandLine) and stops the server cleanly.
            await suite.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }

        return CliApp.Ok;
    }

    // Kestrel reports a taken port as an IOException wrapping AddressInUseException (a SocketException underneath).
    private static bool IsAddressInUse(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.AspNetCore.Connections.AddressInUseException || e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }
}
