using System.CommandLine;
using CrmMail.Aws.Composition;
using CrmMail.Aws.Gallery;
using CrmMail.Gallery;
using CrmMail.LocalSuite.Gallery;
using CrmMail.Settings;
using Spectre.Console;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail spaces grant UID SPACE | revoke UID SPACE | list [UID]</c>: the gallery's
/// memberships, in a local suite's data folder (<c>--data DIR</c>; a running <c>serve</c> reads
/// the file on every request, so it sees the change at once) or in the DynamoDB table
/// (<c>--table</c>, default <c>$SPACE_MEMBERS_TABLE</c>; <c>--endpoint-url</c>, <c>--region</c>).
/// </summary>
internal static class SpacesCommand
{
    public static Command Create(CliContext cli)
    {
        var grantStore = new StoreOptions();
        var grantUid = new Argument<string>("UID") { Description = "the member's uid (Firebase uid)" };
        var grantSpace = new Argument<string>("SPACE") { Description = "the space id (lower-case letters, digits, hyphens)" };
        var grant = new Command("grant", "make UID a member of SPACE") { grantUid, grantSpace };
        grantStore.AddTo(grant);
        grant.SetAction((parse, cancellationToken) => GrantAsync(grantStore.Open(parse, cli), parse.GetRequiredValue(grantUid), parse.GetRequiredValue(grantSpace), cli, cancellationToken));

        var revokeStore = new StoreOptions();
        var revokeUid = new Argument<string>("UID") { Description = "the member's uid" };
        var revokeSpace = new Argument<string>("SPACE") { Description = "the space id" };
        var revoke = new Command("revoke", "remove UID from SPACE (takes effect on the next request)") { revokeUid, revokeSpace };
        revokeStore.AddTo(revoke);
        revoke.SetAction((parse, cancellationToken) => RevokeAsync(revokeStore.Open(parse, cli), parse.GetRequiredValue(revokeUid), parse.GetRequiredValue(revokeSpace), cli, cancellationToken));

        var listStore = new StoreOptions();
        var listUid = new Argument<string?>("UID") { Description = "only this uid's spaces (one Query); all memberships when left out", Arity = ArgumentArity.ZeroOrOne };
        var list = new Command("list", "the memberships, as uid and space") { listUid };
        listStore.AddTo(list);
        list.SetAction((parse, cancellationToken) => ListAsync(listStore.Open(parse, cli), parse.GetValue(listUid), cli, cancellationToken));

        return new Command("spaces", "gallery space memberships (who may list and upload to which space)") { grant, revoke, list };
    }

    private static async Task<int> GrantAsync(ISpaceMembershipAdmin store, string uid, string space, CliContext cli, CancellationToken cancellationToken)
    {
        Check(uid, space);
        var added = await store.GrantAsync(uid, space, cancellationToken).ConfigureAwait(false);
        await cli.Out.WriteLineAsync(added ? $"granted: {uid} is a member of {space}" : $"unchanged: {uid} was already a member of {space}").ConfigureAwait(false);
        return CliApp.Ok;
    }

    private static async Task<int> RevokeAsync(ISpaceMembershipAdmin store, string uid, string space, CliContext cli, CancellationToken cancellationToken)
    {
        Check(uid, space);
        var removed = await store.RevokeAsync(uid, space, cancellationToken).ConfigureAwait(false);
        await cli.Out.WriteLineAsync(removed ? $"revoked: {uid} is no longer a member of {space}" : $"unchanged: {uid} was not a member of {space}").ConfigureAwait(false);
        return CliApp.Ok;
    }

    private static async Task<int> ListAsync(ISpaceMembershipAdmin store, string? uid, CliContext cli, CancellationToken cancellationToken)
    {
        if (uid is not null && !MemberUid.IsValid(uid))
        {
            throw new CliUsageException("UID must be 1 to 128 printable ASCII characters without spaces or quotes");
        }

        var memberships = await store.ListAsync(uid, cancellationToken).ConfigureAwait(false);
        if (ReferenceEquals(cli.Out, Console.Out) && !Console.IsOutputRedirected)
        {
            // On a terminal, a table; otherwise tab-separated lines a script can read.
            var table = new Table().AddColumn("uid").AddColumn("space");
            foreach (var membership in memberships)
            {
                table.AddRow(Markup.Escape(membership.Uid), Markup.Escape(membership.SpaceId));
            }

            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(cli.Out) }).Write(table);
        }
        else
        {
            foreach (var membership in memberships)
            {
                await cli.Out.WriteLineAsync(membership.Uid + "\t" + membership.SpaceId).ConfigureAwait(false);
            }
        }

        return CliApp.Ok;
    }

    private static void Check(string uid, string space)
    {
        if (!MemberUid.IsValid(uid))
        {
            throw new CliUsageException("UID must be 1 to 128 printable ASCII characters without spaces or quotes");
        }

        if (!SpaceId.IsValid(space))
        {
            throw new CliUsageException($"SPACE '{space}' is not a space id: 1 to {SpaceId.MaxLength} lower-case letters, digits and hyphens, starting with a letter or digit");
        }
    }

    /// <summary>Where the memberships are: a data folder, or a DynamoDB table.</summary>
    private sealed class StoreOptions
    {
        private readonly Option<string> _data = CliOptions.Optional("--data", "a local suite's data folder (crm-mail serve --data), instead of DynamoDB");
        private readonly Option<string> _table = CliOptions.Optional("--table", $"the membership table (default ${Catalogue.SpaceMembersTable.Name})");
        private readonly Option<string> _endpoint = CliOptions.Optional("--endpoint-url", "an AWS endpoint (moto, LocalStack) instead of the region's");
        private readonly Option<string> _region = CliOptions.Optional("--region", $"the region (default ${Catalogue.AwsRegion.Name}, ${Catalogue.AwsDefaultRegion.Name}, {Catalogue.AwsDefaultRegion.Default})");

        public void AddTo(Command command)
        {
            command.Add(_data);
            command.Add(_table);
            command.Add(_endpoint);
            command.Add(_region);
        }

        public ISpaceMembershipAdmin Open(ParseResult parse, CliContext cli)
        {
            if (parse.GetValue(_data) is { } data)
            {
                if (parse.GetValue(_table) is not null || parse.GetValue(_endpoint) is not null || parse.GetValue(_region) is not null)
                {
                    throw new CliUsageException("--data is the local suite; --table, --endpoint-url and --region are DynamoDB: use one or the other");
                }

                return new FileSpaceMembership(Path.Combine(Path.GetFullPath(data), "state", "space-members.json"));
            }

            var table = parse.GetValue(_table) ?? Environment.GetEnvironmentVariable(Catalogue.SpaceMembersTable.Name);
            if (string.IsNullOrWhiteSpace(table))
            {
                throw new CliUsageException($"say where the memberships are: --data DIR (local suite) or --table NAME (or ${Catalogue.SpaceMembersTable.Name})");
            }

            return new DynamoDbSpaceMembership(AwsClients.DynamoDb(CliAws.Region(parse.GetValue(_region)), CliAws.Endpoint("--endpoint-url", parse.GetValue(_endpoint))), table, cli.Time);
        }
    }
}
