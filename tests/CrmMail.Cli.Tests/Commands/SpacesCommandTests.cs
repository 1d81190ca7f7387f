using CrmMail.LocalSuite.Gallery;

namespace CrmMail.Cli.Tests.Commands;

/// <summary><c>crm-mail spaces grant|revoke|list</c> over a local data folder (what a running serve reads).</summary>
public sealed class SpacesCommandTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("spaces-");

    public void Dispose() => _data.Delete(recursive: true);

    private string[] Local => ["--data", _data.FullName];

    // Rule: grant, list and revoke round-trip through the data folder's file, and the file is what serve's membership check reads.
    [Fact]
    public async Task GrantListRevoke_DataFolder_RoundTripsAndServeReadsIt()
    {
        var (code, stdout, stderr) = await SignUrlCommandTests.Run(["spaces", "grant", "uid-1", "demo-a", .. Local]);
        Assert.True(code == 0, stderr);
        Assert.Equal("granted: uid-1 is a member of demo-a\n", stdout.ReplaceLineEndings("\n"));
        await SignUrlCommandTests.Run(["spaces", "grant", "uid-1", "demo-b", .. Local]);
        await SignUrlCommandTests.Run(["spaces", "grant", "uid-2", "demo-b", .. Local]);
        var served = new FileSpaceMembership(Path.Combine(_data.FullName, "state", "space-members.json"));
        Assert.True(await served.IsMemberAsync("uid-2", "demo-b", default));

        var (_, all, _) = await SignUrlCommandTests.Run(["spaces", "list", .. Local]);
        var (_, one, _) = await SignUrlCommandTests.Run(["spaces", "list", "uid-1", .. Local]);
        var (revokeCode, revoked, _) = await SignUrlCommandTests.Run(["spaces", "revoke", "uid-2", "demo-b", .. Local]);

        Assert.Equal("uid-1\tdemo-a\nuid-1\tdemo-b\nuid-2\tdemo-b\n", all.ReplaceLineEndings("\n"));
        Assert.Equal("uid-1\tdemo-a\nuid-1\tdemo-b\n", one.ReplaceLineEndings("\n"));
        Assert.Equal(0, revokeCode);
        Assert.Equal("revoked: uid-2 is no longer a member of demo-b\n", revoked.ReplaceLineEndings("\n"));
        Assert.False(await served.IsMemberAsync("uid-2", "demo-b", default));
    }

    // Rule: granting twice or revoking what is not there changes nothing and says so.
    [Fact]
    public async Task GrantTwiceRevokeMissing_SaysUnchanged()
    {
        await SignUrlCommandTests.Run(["spaces", "grant", "uid-1", "demo-a", .. Local]);

        var (_, again, _) = await SignUrlCommandTests.Run(["spaces", "grant", "uid-1", "demo-a", .. Local]);
        var (_, missing, _) = await SignUrlCommandTests.Run(["spaces", "revoke", "uid-1", "demo-z", .. Local]);

        Assert.StartsWith("unchanged:", again, StringComparison.Ordinal);
        Assert.StartsWith("unchanged:", missing, StringComparison.Ordinal);
    }

    // Rule: a malformed space id or uid, or no store named, is a usage error (exit 2) and writes nothing.
    [Theory]
    [InlineData("uid-1", "../etc")]
    [InlineData("uid-1", "a*")]
    [InlineData("uid-1", "Demo")]
    [InlineData("has space", "demo-a")]
    public async Task Grant_MalformedArguments_UsageErrorAndNothingWritten(string uid, string space)
    {
        var (code, _, stderr) = await SignUrlCommandTests.Run(["spaces", "grant", uid, space, .. Local]);

        Assert.Equal(2, code);
        Assert.StartsWith("crm-mail: ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data.FullName, "state", "space-members.json")));
    }

    // Rule: --data and the DynamoDB flags are exclusive, and without either the command says where to look.
    [Fact]
    public async Task List_NoStoreOrBoth_UsageError()
    {
        var previous = Environment.GetEnvironmentVariable("SPACE_MEMBERS_TABLE");
        Environment.SetEnvironmentVariable("SPACE_MEMBERS_TABLE", null);
        try
        {
            var (none, _, noneError) = await SignUrlCommandTests.Run(["spaces", "list"]);
            var (both, _, _) = await SignUrlCommandTests.Run(["spaces", "list", "--data", _data.FullName, "--table", "t"]);

            Assert.Equal(2, none);
            Assert.Contains("--data DIR", noneError, StringComparison.Ordinal);
            Assert.Equal(2, both);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SPACE_MEMBERS_TABLE", previous);
        }
    }
}
