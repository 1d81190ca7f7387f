using System.Text.Json;

namespace CrmMail.Cli.Tests.Commands;

/// <summary><c>crm-mail templates put|list|get|delete</c> over serve's data folder (the same store serve sends from).</summary>
public sealed class TemplatesCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("templates-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string File_(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string[] Data => ["--data", Path.Combine(_dir.FullName, "data")];

    // Rule: a template put into the data folder is listed, read back exactly, and deleted.
    [Fact]
    public async Task PutListGetDelete_InTheDataFolder_RoundTrips()
    {
        var html = File_("welcome.html", "<h1>Hi {{user_name}}</h1>");
        var text = File_("welcome.txt", "Hi {{user_name}}");

        var put = await SignUrlCommandTests.Run(["templates", "put", "welcome-template", "--subject", "Welcome {{user_name}}", "--html", html, "--text", text, .. Data]);
        var list = await SignUrlCommandTests.Run(["templates", "list", .. Data]);
        var get = await SignUrlCommandTests.Run(["templates", "get", "welcome-template", .. Data]);
        var delete = await SignUrlCommandTests.Run(["templates", "delete", "welcome-template", .. Data]);
        var gone = await SignUrlCommandTests.Run(["templates", "get", "welcome-template", .. Data]);

        Assert.True(put.ExitCode == 0, put.StdErr);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "data", "templates", "welcome-template.json")), "deleted from the data folder");
        Assert.Contains("welcome-template", list.StdOut, StringComparison.Ordinal);
        Assert.True(get.ExitCode == 0, get.StdErr);
        using var json = JsonDocument.Parse(get.StdOut);
        Assert.Equal("Welcome {{user_name}}", json.RootElement.GetProperty("subject").GetString());
        Assert.Equal("<h1>Hi {{user_name}}</h1>", json.RootElement.GetProperty("html").GetString());
        Assert.Equal("Hi {{user_name}}", json.RootElement.GetProperty("text").GetString());
        Assert.Equal(0, delete.ExitCode);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("no template named welcome-template", gone.StdErr, StringComparison.Ordinal);
    }

    // Rule: a template with a placeholder the renderer cannot fill (a block helper) is refused before it is stored.
    [Fact]
    public async Task Put_WithBlockHelper_IsAUsageErrorAndStoresNothing()
    {
        var html = File_("vip.html", "{{#if vip}}VIP{{/if}}");

        var (exitCode, _, stderr) = await SignUrlCommandTests.Run(["templates", "put", "vip", "--subject", "S", "--html", html, .. Data]);

        Assert.Equal(2, exitCode);
        Assert.Contains("{{#if vip}}", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "data", "templates", "vip.json")));
    }

    // Rule: a name that is not a template name (path characters included) is a usage error.
    [Fact]
    public async Task Put_WithPathInTheName_IsAUsageError()
    {
        var html = File_("x.html", "x");

        var (exitCode, _, stderr) = await SignUrlCommandTests.Run(["templates", "put", "../evil", "--html", html, .. Data]);

        Assert.Equal(2, exitCode);
        Assert.Contains("not a template name", stderr, StringComparison.Ordinal);
    }
}
