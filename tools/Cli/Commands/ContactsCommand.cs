using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmMail.Aws.Composition;
using CrmMail.Aws.Http;
using CrmMail.Aws.SesV2;
using CrmMail.Cli.Contacts;
using CrmMail.Subscriptions;
using CrmMail.Settings;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail contacts export|import</c>: the SES contact list (which holds every opt-out) to
/// JSON lines and back. Export pages through ListContacts; import re-creates each contact with
/// its preferences and unsubscribe-all flag (CreateContact, or UpdateContact when it exists),
/// so a list rebuilt from an export keeps every opt-out.
/// </summary>
internal static class ContactsCommand
{
    public static Command Create(CliContext cli)
    {
        var exportAws = new SesOptions();
        var output = CliOptions.Optional("--out", "write the JSON lines to this new file (default: stdout)");
        var export = new Command("export", "every contact of the list as JSON lines: email, topicPreferences, unsubscribeAll, attributes, lastUpdated") { output };
        exportAws.AddTo(export);
        export.SetAction((parse, cancellationToken) => ExportAsync(exportAws.Read(parse), parse.GetValue(output), cli, cancellationToken));

        var importAws = new SesOptions();
        var file = CliOptions.Required("--file", "the JSON lines of a contacts export");
        var import = new Command("import", "re-create the contacts of an export in the list, opt-outs included") { file };
        importAws.AddTo(import);
        import.SetAction((parse, cancellationToken) => ImportAsync(importAws.Read(parse), parse.GetRequiredValue(file), cli, cancellationToken));

        return new Command("contacts", "back up and restore the SES contact list") { export, import };
    }

    private static async Task<int> ExportAsync(SesSettings ses, string? output, CliContext cli, CancellationToken cancellationToken)
    {
        var context = JsonContext();
        using var http = AwsClients.CreateHttpClient();
        var client = Client(http, ses, cli);
        // A new file only, so an export never truncates an older one; written as it pages.
        await using var file = output is null ? null : OpenNew(output);
        var writer = file is null ? cli.Out : new StreamWriter(file, new System.Text.UTF8Encoding(false));
        var count = 0;
        try
        {
            await foreach (var contact in client.ListAllContactsAsync(ses.List, null, cancellationToken).ConfigureAwait(false))
            {
                var line = new ContactExportLine
                {
                    Email = contact.EmailAddress ?? string.Empty,
                    TopicPreferences = [.. (contact.TopicPreferences ?? []).Select(p => new ContactExportTopic(p.TopicName, p.SubscriptionStatus))],
                    UnsubscribeAll = contact.UnsubscribeAll,
                    Attributes = contact.AttributesData,
                    LastUpdated = Timestamp(contact.LastUpdatedTimestamp),
                };
                await writer.WriteLineAsync(JsonSerializer.Serialize(line, context.ContactExportLine)).ConfigureAwait(false);
                count++;
            }
        }
        catch (SesException exception)
        {
            if (file is not null)
            {
                // An incomplete export must never pass for a backup.
                await writer.DisposeAsync().ConfigureAwait(false);
                File.Delete(output!);
            }

            throw new CliFailureException($"ListContacts on '{ses.List}' failed: {exception.Error.Code}: {exception.Error.Message}");
        }
        finally
        {
            if (file is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }

        await cli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"crm-mail: exported {count} contacts from {ses.List}{(output is null ? string.Empty : " to " + output)}")).ConfigureAwait(false);
        return CliApp.Ok;
    }

    private static async Task<int> ImportAsync(SesSettings ses, string path, CliContext cli, CancellationToken cancellationToken)
    {
        var context = JsonContext();
        var lines = new List<ContactExportLine>();
        string[] text;
        try
        {
            text = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--file: cannot read '{path}': {exception.Message}");
        }

        // Every line is checked before the first write: a bad file changes nothing.
        for (var i = 0; i < text.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(text[i]))
            {
                continue;
            }

            ContactExportLine? line;
            try
            {
                line = JsonSerializer.Deserialize(text[i], context.ContactExportLine);
            }
            catch (JsonException exception)
            {
                throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--file line {i + 1}: not a contact line ({exception.Message})"));
            }

            if (line is null || !EmailAddress.IsPlausible(line.Email)
                || line.TopicPreferences.Any(p => !Topics.IsKnown(p.TopicName) || p.SubscriptionStatus is not ("OPT_IN" or "OPT_OUT")))
            {
                throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--file line {i + 1}: needs an email address and preferences of known topics, OPT_IN or OPT_OUT"));
            }

            lines.Add(line);
        }

        using var http = AwsClients.CreateHttpClient();
        var client = Client(http, ses, cli);
        int created = 0, updated = 0;
        foreach (var line in lines)
        {
            var preferences = line.TopicPreferences.Select(p => new SesTopicPreference(p.TopicName, p.SubscriptionStatus)).ToList();
            var create = await client.CreateContactAsync(ses.List, new SesCreateContactRequest(line.Email, preferences, line.UnsubscribeAll) { AttributesData = line.Attributes }, cancellationToken).ConfigureAwait(false);
            if (create.IsSuccess)
            {
                created++;
                continue;
            }

            if (create.Error!.Code != SesErrorCode.AlreadyExists)
            {
                throw new CliFailureException($"CreateContact failed after {created + updated} contacts: {create.Error.Code}: {create.Error.Message}");
            }

            // The contact exists: the export's preferences win (UpdateContact replaces them all).
            var update = await client.UpdateContactAsync(ses.List, line.Email, new SesUpdateContactRequest(preferences, line.UnsubscribeAll) { AttributesData = line.Attributes }, cancellationToken).ConfigureAwait(false);
            if (!update.IsSuccess)
            {
                throw new CliFailureException($"UpdateContact failed after {created + updated} contacts: {update.Error!.Code}: {update.Error.Message}");
            }

            updated++;
        }

        await cli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"crm-mail: imported {lines.Count} contacts into {ses.List} ({created} created, {updated} updated)")).ConfigureAwait(false);
        return CliApp.Ok;
    }

    private static ContactsJsonContext JsonContext() => new(new JsonSerializerOptions
    {
        // Addresses and attributes print as written: no \u002B for '+' in an address.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    });

    private static SesV2Client Client(HttpClient http, SesSettings ses, CliContext cli)
        => new(http, new SesV2ClientOptions(ses.Region, ses.Endpoint), new DefaultAwsCredentialsSource(), cli.Time);

    private static FileStream OpenNew(string path)
    {
        try
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        }
        catch (IOException exception) when (File.Exists(path))
        {
            throw new CliUsageException($"--out '{path}' already exists (an export never overwrites one): {exception.Message}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--out: cannot write '{path}': {exception.Message}");
        }
    }

    // SES sends epoch seconds (a number), moto an ISO 8601 string: both become ISO 8601 UTC.
    private static string? Timestamp(JsonElement? value)
    {
        if (value is not { } element)
        {
            return null;
        }

        DateTimeOffset? instant = element.ValueKind switch
        {
            JsonValueKind.Number when element.TryGetDouble(out var seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)),
            JsonValueKind.String when DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) => parsed,
            _ => null,
        };
        return instant?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The list and where SES is.</summary>
    private sealed class SesOptions
    {
        private readonly Option<string> _list = CliOptions.Required("--list", "the SES contact list name (the stack's ContactListName output)");
        private readonly Option<string> _endpoint = new("--endpoint", "--endpoint-url") { Description = "an SES endpoint (moto) instead of the region's" };
        private readonly Option<string> _region = CliOptions.Optional("--region", $"the region (default ${Catalogue.AwsRegion.Name}, ${Catalogue.AwsDefaultRegion.Name}, {Catalogue.AwsDefaultRegion.Default})");

        public void AddTo(Command command)
        {
            command.Add(_list);
            command.Add(_endpoint);
            command.Add(_region);
        }

        public SesSettings Read(ParseResult parse)
            => new(parse.GetRequiredValue(_list), CliAws.Region(parse.GetValue(_region)), CliAws.Endpoint("--endpoint", parse.GetValue(_endpoint)));
    }

    private sealed record SesSettings(string List, string Region, Uri? Endpoint);
}
