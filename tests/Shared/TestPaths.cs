namespace CrmMail.Tests.Shared;

/// <summary>Where the repository and the shared reference fixtures are, found from the test binary.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lambdas.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Lambdas.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepositoryRoot => Root.Value;

    /// <summary>../shared/fixtures beside the checkout (CI clones main with ../shared next to it).</summary>
    public static string Fixtures
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "fixtures"));
            return Directory.Exists(path) ? path : throw new DirectoryNotFoundException("The shared fixtures are expected at " + path);
        }
    }

    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);
}
