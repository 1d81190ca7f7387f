using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmMail.Aws.Composition;
using CrmMail.Aws.Http;
using CrmMail.Aws.SesV2;
using CrmMail.LocalSuite.Adapters;
using CrmMail.Mail.Templates;
using CrmMail.Mail.Transport;
using Spectre.Console;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail templates put|list|get|delete</c>: the templates /outreach/send-template-email
/// sends, kept by the transport itself: SES v2 email templates (the default), Mailgun stored
/// templates (<c>--transport mailgun</c>), or <c>serve</c>'s data folder (<c>--data DIR</c>).
/// Put checks the template first: a placeholder that is not a plain <c>{{name}}</c> is refused,
/// so a template that could never render is never stored.
/// </summary>
internal static class TemplatesCommand
{
    public static Command Create(CliContext cli)
    {
        var putStore = new StoreOptions();
        var putName = NameArgument();
        var subject = CliOptions.Optional("--subject", "the subject (may hold {{name}} placeholders)");
        var html = CliOptions.Optional("--html", "a file holding the HTML part");
        var text = CliOptions.Optional("--text", "a file holding the text part (SES and --data only)");
        var put = new Command("put", "create a template or replace its content") { putName, subject, html, text };
        putStore.AddTo(put);
        put.SetAction((parse, cancellationToken) => PutAsync(putStore.Open(parse, cli), parse.GetValue(putName)!, parse.GetValue(subject), parse.GetValue(html), parse.GetValue(text), cli, cancellationToken));

        var listStore = new StoreOptions();
        var list = new Command("list", "every template's name");
        listStore.AddTo(list);
        list.SetAction((parse, cancellationToken) => ListAsync(listStore.Open(parse, cli), cli, cancellationToken));

        var getStore = new StoreOptions();
        var getName = NameArgument();
        var get = new Command("get", "a template as JSON {name, subject, html, text}") { getName };
        getStore.AddTo(get);
        get.SetAction((parse, cancellationToken) => GetAsync(getStore.Open(parse, cli), parse.GetValue(getName)!, cli, cancellationToken));

        var deleteStore = new StoreOptions();
        var deleteName = NameArgument();
        var delete = new Command("delete", "delete a template") { deleteName };
        deleteStore.AddTo(delete);
        delete.SetAction((parse, cancellationToken) => DeleteAsync(deleteStore.Open(parse, cli), parse.GetValue(deleteName)!, cli, cancellationToken));

        return new Command("templates", "manage the outreach email templates (SES v2, Mailgun, or serve's data folder)") { put, list, get, delete };
    }

    private static Argument<string> NameArgument()
    {
        var name = new Argument<string>("name") { Description = $"the template name: 1 to {TemplateRenderer.MaxNameLength} letters, digits, '_' or '-'" };
        name.Validators.Add(result =>
        {
            if (!TemplateRenderer.IsValidName(result.GetValueOrDefault<string>()))
            {
                result.AddError($"'{result.GetValueOrDefault<string>()}' is not a template name (1 to {TemplateRenderer.MaxNameLength} letters, digits, '_' or '-')");
            }
        });
        return name;
    }

    private static async Task<int> PutAsync(IEmailTemplateStore store, string name, string? subject, string? htmlFile, string? textFile, CliContext cli, CancellationToken cancellationToken)
    {
        if (htmlFile is null && textFile is null)
        {
            throw new CliUsageException("templates put: give --html FILE and/or --text FILE");
        }

        var template = new EmailTemplate(name, subject, Read("--html", htmlFile), Read("--text", textFile));
        // Rendering with no variables leaves only "missing variable" problems for a good template;
        // anything else (a block helper, a bad subject) would fail every send.
        var problems = TemplateRenderer.Render(template, new Dictionary<string, string>(StringComparer.Ordinal), subject is null ? "subject" : null).Errors
            .Where(e => !e.Field.StartsWith("templateVariables.", StringComparison.Ordinal)).ToList();
        if (subject is null)
        {
            problems.RemoveAll(e => e.Field == "subject");
        }

        if (problems.Count > 0)
        {
            throw new CliUsageException("templates put: " + string.Join("; ", problems.Select(p => p.Message)));
        }

        await store.PutAsync(template, cancellationToken).ConfigureAwait(false);
        await cli.Error.WriteLineAsync($"crm-mail: stored template {name}").ConfigureAwait(false);
        return CliApp.Ok;
    }

    private static async Task<int> ListAsync(IEmailTemplateStore store, CliContext cli, CancellationToken cancellationToken)
    {
        var names = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        var table = new Table().AddColumns("template");
        foreach (var name in names)
        {
            table.AddRow(Markup.Escape(name));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(cli.Out), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        console.Write(table);
        await cli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"crm-mail: {names.Count} templates")).ConfigureAwait(false);
        return CliApp.Ok;
    }

    private static async Task<int> GetAsync(IEmailTemplateStore store, string name, CliContext cli, CancellationToken cancellationToken)
    {
        var template = await store.GetAsync(name, cancellationToken).ConfigureAwait(false) ?? throw new CliFailureException($"no template named {name}");
        var json = JsonSerializer.Serialize(template, new TemplatesJsonContext(new JsonSerializerOptions
        {
            // Markup prints as written: no \u003C for '<'.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
        }).EmailTemplate);
        await cli.Out.WriteLineAsync(json).ConfigureAwait(false);
        return CliApp.Ok;
    }

    private static async Task<int> DeleteAsync(IEmailTemplateStore store, string name, CliContext cli, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(name, cancellationToken).ConfigureAwait(false))
        {
            throw new CliFailureException($"no template named {name}");
        }

        await cli.Error.WriteLineAsync($"crm-mail: deleted template {name}").ConfigureAwait(false);
        return CliApp.Ok;
    }

    private static string? Read(string flag, string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{flag}: cannot read '{path}': {exception.Message}");
        }
    }

    /// <summary>Where the templates are: the flags every subcommand shares.</summary>
    private sealed class StoreOptions
    {
        private readonly Option<string> _data = CliOptions.Optional("--data", "serve's data folder (templates/ in it) instead of the transport");
        private readonly Option<string> _transport = CliOptions.OneOf("--transport", "whose templates: SES v2 email templates or Mailgun stored templates", "ses", "ses", "mailgun");
        private readonly Option<string> _endpoint = new("--endpoint", "--endpoint-url") { Description = "an SES endpoint instead of the region's" };
        private readonly Option<string> _region = CliOptions.Optional("--region", "the SES region (default $AWS_REGION)");
        private readonly Option<string> _mailgunDomain = CliOptions.Optional("--mailgun-domain", "the Mailgun sending domain (with --transport mailgun)");
        private readonly Option<string> _mailgunRegion = CliOptions.OneOf("--mailgun-region", "Mailgun's region", "us", "us", "eu");
        private readonly Option<string> _mailgunBaseUrl = CliOptions.Optional("--mailgun-base-url", "Mailgun's API base URL (a stand-in)");
        private readonly Option<string> _mailgunKeyFile = CliOptions.Optional("--mailgun-api-key-file", "a file holding the Mailgun API key (never on the command line)");

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _data, _transport, _endpoint, _region, _mailgunDomain, _mailgunRegion, _mailgunBaseUrl, _mailgunKeyFile })
            {
                command.Add(option);
            }
        }

        public IEmailTemplateStore Open(ParseResult parse, CliContext cli)
        {
            if (parse.GetValue(_data) is { } data)
            {
                return new FileEmailTemplateStore(Path.Combine(Path.GetFullPath(data), "templates"));
            }

            // One HttpClient for the command's life (the process is short-lived).
            var http = AwsClients.CreateHttpClient();
            if (parse.GetValue(_transport) == "mailgun")
            {
                var domain = parse.GetValue(_mailgunDomain) ?? throw new CliUsageException("--transport mailgun needs --mailgun-domain");
                var keyFile = parse.GetValue(_mailgunKeyFile) ?? throw new CliUsageException("--transport mailgun needs --mailgun-api-key-file");
                var key = (Read("--mailgun-api-key-file", keyFile) ?? string.Empty).Trim();
                var baseUrl = parse.GetValue(_mailgunBaseUrl) is { } url ? CliAws.Endpoint("--mailgun-base-url", url)! : parse.GetValue(_mailgunRegion) == "eu" ? MailgunOptions.EuBaseUrl : MailgunOptions.UsBaseUrl;
                return new MailgunTemplateStore(http, new MailgunOptions(domain, baseUrl), _ => Task.FromResult(key), cli.Time);
            }

            var ses = new SesV2Client(http, new SesV2ClientOptions(CliAws.Region(parse.GetValue(_region)), CliAws.Endpoint("--endpoint", parse.GetValue(_endpoint))), new DefaultAwsCredentialsSource(), cli.Time);
            return new SesEmailTemplateStore(ses);
        }
    }
}
