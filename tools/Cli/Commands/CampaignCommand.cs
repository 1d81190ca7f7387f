using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmMail.Campaigns;
using CrmMail.Cli.Campaigns;
using Spectre.Console;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail campaign send|status</c>: a campaign through the campaign API (by default the
/// local serve: http://127.0.0.1:8080/local and the data folder's API key). <c>send</c> checks the
/// CSV with the API's own list parser first (every bad row by line, nothing sent), passes up to
/// <see cref="InlineMax"/> recipients inline and uploads bigger lists through POST
/// /campaigns/uploads and the presigned PUT, posts with an Idempotency-Key derived from the input
/// (the same command run again gets the same campaign, or the API's refusal, never a second
/// send), then follows GET /campaigns/{id} with a progress bar until a final state and prints a
/// summary. Ctrl+C stops watching; the campaign goes on.
/// </summary>
internal static class CampaignCommand
{
    /// <summary>
    /// The most recipients sent inline by default: far inside CAMPAIGN_MAX_RECIPIENTS' documented
    /// default (10,000), so a smaller configured limit is rare; bigger lists are uploaded. A
    /// retried request is replayed by the API either way (an uploaded list counts by its content).
    /// </summary>
    public const int InlineMax = 1000;

    private const string DefaultApi = "http://127.0.0.1:8080/local";

    public static Command Create(CliContext cli)
    {
        var command = new Command("campaign", "send a campaign through the campaign API and follow it (default: the local serve)");
        command.Subcommands.Add(Send(cli));
        command.Subcommands.Add(Status(cli));
        return command;
    }

    private static (Option<string> Api, Option<string> ApiKey, Option<string> Data) Connection()
        => (new Option<string>("--api") { Description = "the API's stage URL (default: the local serve, " + DefaultApi + ")", DefaultValueFactory = _ => DefaultApi },
            CliOptions.Optional("--api-key", "the API key (default: the one in serve's data folder, --data)"),
            new Option<string>("--data") { Description = "serve's data folder, read for its API key when --api-key is not given", DefaultValueFactory = _ => ".crm-mail" });

    private static Command Send(CliContext cli)
    {
        var recipients = CliOptions.Required("--recipients", "the recipient list: CSV with the address first (header line email optional), or JSON lines");
        var subject = CliOptions.Required("--subject", "the subject (one line)");
        var html = CliOptions.Required("--html", "a file with the HTML body");
        var text = CliOptions.Required("--text", "a file with the text body");
        var from = new Option<string>("--from") { Description = "the sender, an address or \"Name <address>\"", DefaultValueFactory = _ => "reports@example.com" };
        var replyTo = CliOptions.Optional("--reply-to", "a Reply-To address");
        var type = CliOptions.OneOf("--campaign-type", "financial (statements; unsubscribe from financial mail) or newsletter", "financial", "financial", "newsletter");
        var name = CliOptions.Optional("--campaign-name", "the campaign's name in tags and audit (default: the list file's name)");
        var customIds = new Option<string[]>("--custom-id") { Description = "a payee whose report every message links (repeat it; needs --month and --year)" };
        var month = CliOptions.Optional("--month", "the reports' month, 01-12 (with --custom-id)");
        var year = CliOptions.Optional("--year", "the reports' year, four digits (with --custom-id)");
        var inlineMax = new Option<int>("--inline-max") { Description = "recipients sent inline in the request; a bigger list is uploaded (POST /campaigns/uploads)", DefaultValueFactory = _ => InlineMax };
        var idempotencyKey = CliOptions.Optional("--idempotency-key", "the Idempotency-Key (default: derived from the input, so the same command run again never sends twice)");
        var (api, apiKey, data) = Connection();
        var command = new Command("send", "send a campaign to a CSV list and follow its progress")
        {
            recipients, subject, html, text, from, replyTo, type, name, customIds, month, year, inlineMax, idempotencyKey, api, apiKey, data,
        };
        command.SetAction((parse, cancellationToken) => SendAsync(
            new SendInput(
                parse.GetRequiredValue(recipients), parse.GetRequiredValue(subject), parse.GetRequiredValue(html), parse.GetRequiredValue(text),
                parse.GetRequiredValue(from), parse.GetValue(replyTo), parse.GetRequiredValue(type), parse.GetValue(name),
                parse.GetValue(customIds) ?? [], parse.GetValue(month), parse.GetValue(year), parse.GetValue(idempotencyKey), Math.Max(0, parse.GetValue(inlineMax))),
            parse.GetRequiredValue(api), parse.GetValue(apiKey), parse.GetRequiredValue(data), cli, cancellationToken));
        return command;
    }

    private static Command Status(CliContext cli)
    {
        var id = new Argument<string>("ID") { Description = "the campaign id POST /campaigns answered" };
        var watch = CliOptions.Switch("--watch", "follow the campaign with a progress bar until it is final");
        var (api, apiKey, data) = Connection();
        var command = new Command("status", "print a campaign's state and counts") { id, watch, api, apiKey, data };
        command.SetAction((parse, cancellationToken) => GuardAsync(cli, async () =>
        {
            using var http = Http();
            var client = Client(http, parse.GetRequiredValue(api), parse.GetValue(apiKey), parse.GetRequiredValue(data));
            var campaign = parse.GetValue(watch)
                ? await WatchAsync(client, parse.GetRequiredValue(id), cli, cancellationToken).ConfigureAwait(false)
                : await client.StatusAsync(parse.GetRequiredValue(id), cancellationToken).ConfigureAwait(false);
            if (campaign is null)
            {
                return CliApp.Interrupted;
            }

            await SummaryAsync(campaign, cli).ConfigureAwait(false);
            return CliApp.Ok;
        }));
        return command;
    }

    private static Task<int> SendAsync(SendInput input, string apiText, string? apiKeyText, string data, CliContext cli, CancellationToken cancellationToken) => GuardAsync(cli, async () =>
    {
        // Everything local is checked before the API is called: files, the list, the options.
        var listBytes = ReadFile(input.Recipients, "--recipients");
        var html = Encoding.UTF8.GetString(ReadFile(input.Html, "--html"));
        var text = Encoding.UTF8.GetString(ReadFile(input.Text, "--text"));
        var parse = RecipientListParser.Parse(Encoding.UTF8.GetString(listBytes));
        var problems = parse.Errors.Select(e => e.Message).ToList();
        problems.AddRange(parse.Rows.Where(r => r.CustomIds.Count > 0).Take(RecipientListParser.MaxListedErrors)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"Line {r.Line}: per-recipient customIds are not supported; use --custom-id for every message.")));
        if (parse.Rows.Count == 0 && problems.Count == 0)
        {
            problems.Add("the list holds no recipients");
        }

        if (problems.Count > 0)
        {
            await cli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"crm-mail: {input.Recipients}: {problems.Count} problem(s); nothing was sent")).ConfigureAwait(false);
            foreach (var problem in problems)
            {
                await cli.Error.WriteLineAsync("  " + problem).ConfigureAwait(false);
            }

            return CliApp.Failed;
        }

        if (input.CustomIds.Length > 0 && (input.Month is null || input.Year is null))
        {
            throw new CliUsageException("--custom-id needs --month and --year (the reports' period)");
        }

        using var http = Http();
        var client = Client(http, apiText, apiKeyText, data);
        // Distinct as send-mail's validator counts them (the parser's normalized address, case-insensitive).
        var addresses = parse.Rows.Select(r => r.Email).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var campaignName = input.Name ?? Path.GetFileNameWithoutExtension(input.Recipients);
        // The key covers the whole input (the list's bytes included), computed before any upload.
        var idempotencyKey = input.IdempotencyKey ?? "crm-mail-cli-" + Convert.ToHexStringLower(SHA256.HashData(
            Encoding.UTF8.GetBytes(Body(input, campaignName, html, text, null, null) + "\n")
                .Concat(listBytes).ToArray()))[..40];
        string body;
        var upload = addresses.Count > input.InlineMax;
        if (!upload)
        {
            body = Body(input, campaignName, html, text, addresses, null);
        }
        else
        {
            var (key, url) = await client.UploadTicketAsync(cancellationToken).ConfigureAwait(false);
            await client.PutListAsync(url, listBytes, cancellationToken).ConfigureAwait(false);
            body = Body(input, campaignName, html, text, null, key);
        }

        var id = await client.CreateAsync(body, idempotencyKey, cancellationToken).ConfigureAwait(false);
        await cli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"crm-mail: campaign {id} queued ({addresses.Count} recipients{(upload ? ", list uploaded" : string.Empty)})")).ConfigureAwait(false);
        var campaign = await WatchAsync(client, id, cli, cancellationToken).ConfigureAwait(false);
        if (campaign is null)
        {
            return CliApp.Interrupted;
        }

        await SummaryAsync(campaign, cli).ConfigureAwait(false);
        return campaign.State == "completed" ? CliApp.Ok : CliApp.Failed;
    });

    /// <summary>Follows the campaign until it is final; null when Ctrl+C stopped the watching (the campaign goes on).</summary>
    private static async Task<CampaignStatus?> WatchAsync(CampaignApi client, string id, CliContext cli, CancellationToken cancellationToken)
    {
        var live = ReferenceEquals(cli.Error, Console.Error) && !Console.IsErrorRedirected;
        try
        {
            if (live)
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(cli.Error) });
                CampaignStatus? last = null;
                await console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask("campaign " + Markup.Escape(id), maxValue: 1);
                        while (true)
                        {
                            last = await client.StatusAsync(id, cancellationToken).ConfigureAwait(false);
                            task.MaxValue = Math.Max(1, last.Total);
                            task.Value = last.Total - last.Pending;
                            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{last.State}: {last.Sent:N0} sent, {last.Suppressed:N0} suppressed, {last.Failed:N0} failed"));
                            if (last.IsFinal)
                            {
                                task.StopTask();
                                return;
                            }

                            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                        }
                    }).ConfigureAwait(false);
                return last;
            }

            // Redirected (a CI log, a test): one line per change of state, none per tick.
            string? state = null;
            while (true)
            {
                var status = await client.StatusAsync(id, cancellationToken).ConfigureAwait(false);
                if (status.State != state)
                {
                    state = status.State;
                    await cli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"crm-mail: campaign {id}: {state} ({status.Total - status.Pending} of {status.Total} done)")).ConfigureAwait(false);
                }

                if (status.IsFinal)
                {
                    return status;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await cli.Error.WriteLineAsync($"crm-mail: stopped watching; campaign {id} goes on. Follow it again: crm-mail campaign status {id} --watch").ConfigureAwait(false);
            return null;
        }
    }

    private static async Task SummaryAsync(CampaignStatus campaign, CliContext cli)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(cli.Out), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        var table = new Table().AddColumns("campaign", "state", "total", "sent", "suppressed", "failed", "pending");
        table.AddRow(Markup.Escape(campaign.Id), Markup.Escape(campaign.State), Number(campaign.Total), Number(campaign.Sent), Number(campaign.Suppressed), Number(campaign.Failed), Number(campaign.Pending));
        console.Write(table);
        if (campaign.Failures.Count > 0)
        {
            var failures = new Table().AddColumns("failure reason", "recipients");
            foreach (var (reason, count) in campaign.Failures)
            {
                failures.AddRow(Markup.Escape(reason), Number(count));
            }

            console.Write(failures);
        }

        await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"crm-mail: campaign {campaign.Id} {campaign.State}: {campaign.Sent} sent, {campaign.Suppressed} suppressed, {campaign.Failed} failed, {campaign.Pending} pending of {campaign.Total}")).ConfigureAwait(false);
    }

    // The send-mail body POST /campaigns takes, with either `to` or recipientsS3Key.
    private static string Body(SendInput input, string campaignName, string html, string text, IReadOnlyList<string>? to, string? recipientsKey)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (to is not null)
            {
                json.WriteStartArray("to");
                foreach (var address in to)
                {
                    json.WriteStringValue(address);
                }

                json.WriteEndArray();
            }

            if (recipientsKey is not null)
            {
                json.WriteString("recipientsS3Key", recipientsKey);
            }

            json.WriteString("from", input.From);
            if (input.ReplyTo is not null)
            {
                json.WriteString("replyTo", input.ReplyTo);
            }

            json.WriteString("subject", input.Subject);
            json.WriteString("html", html);
            json.WriteString("text", text);
            json.WriteStartObject("campaign");
            json.WriteString("name", campaignName);
            json.WriteString("type", input.Type);
            json.WriteEndObject();
            if (input.CustomIds.Length > 0)
            {
                json.WriteBoolean("attachReporting", true);
                json.WriteString("month", input.Month);
                json.WriteString("year", input.Year);
                json.WriteStartArray("customIds");
                foreach (var customId in input.CustomIds)
                {
                    json.WriteStringValue(customId);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static CampaignApi Client(HttpClient http, string apiText, string? apiKey, string data)
    {
        if (!Uri.TryCreate(apiText.TrimEnd('/') + "/", UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            throw new CliUsageException($"--api '{apiText}' is not an http(s) URL");
        }

        if (apiKey is null)
        {
            // serve writes its key there on first run (LocalDataDirectory's keys/api-key).
            var path = Path.Combine(data, "keys", "api-key");
            if (!File.Exists(path))
            {
                throw new CliUsageException($"no --api-key, and no serve API key at {path} (start crm-mail serve, or pass --api-key)");
            }

            apiKey = File.ReadAllText(path).Trim();
        }

        return new CampaignApi(http, api, apiKey);
    }

    private static HttpClient Http() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = TimeSpan.FromSeconds(60) };

    private static byte[] ReadFile(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"{option}: no file {path}");
        }

        return File.ReadAllBytes(path);
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    // An API or network failure: every line of it (an error's details one per line), exit 1.
    private static async Task<int> GuardAsync(CliContext cli, Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (CliFailureException exception)
        {
            var lines = exception.Message.Split('\n');
            await cli.Error.WriteLineAsync("crm-mail: " + lines[0]).ConfigureAwait(false);
            foreach (var line in lines.Skip(1))
            {
                await cli.Error.WriteLineAsync(line).ConfigureAwait(false);
            }

            return CliApp.Failed;
        }
    }

    private sealed record SendInput(string Recipients, string Subject, string Html, string Text, string From, string? ReplyTo, string Type, string? Name, string[] CustomIds, string? Month, string? Year, string? IdempotencyKey, int InlineMax);
}
