using System.Xml.Linq;
using CrmMail.Tests.Shared;

namespace CrmMail.Layering.Tests;

/// <summary>What a Native-AOT function may carry: never the tool-side OpenAPI document builder.</summary>
public class FunctionReferencesTests
{
    public static TheoryData<string> Functions()
        => new(Directory.GetDirectories(Path.Combine(TestPaths.RepositoryRoot, "functions")).Select(Path.GetFileName).Where(n => File.Exists(Path.Combine(TestPaths.RepositoryRoot, "functions", n!, n + ".csproj")))!);

    [Theory]
    [MemberData(nameof(Functions))]
    public void Functions_NeverReferenceApiDocs(string function)
    {
        // The rule: no function reaches CrmMail.ApiDocs or Microsoft.OpenApi, directly or through a project it references:
        // the document is built by tools, infra and tests, and never ships in a Lambda.
        var reached = Reachable(Path.Combine(TestPaths.RepositoryRoot, "functions", function, function + ".csproj"));

        Assert.DoesNotContain(reached.Projects, p => p == "CrmMail.ApiDocs");
        Assert.DoesNotContain(reached.Packages, p => p.StartsWith("Microsoft.OpenApi", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("CrmMail.Hosting", reached.Projects);
    }

    [Fact]
    public void Reachable_ToolProject_SeesApiDocsThroughItsReferences()
    {
        // The rule: the walk follows project references transitively (so the theory above can fail): the CLI reaches
        // CrmMail.ApiDocs and its Microsoft.OpenApi package.
        var reached = Reachable(Path.Combine(TestPaths.RepositoryRoot, "tools", "Cli", "CrmMail.Cli.csproj"));

        Assert.Contains("CrmMail.ApiDocs", reached.Projects);
        Assert.Contains("Microsoft.OpenApi", reached.Packages);
    }

    /// <summary>Every project (by name) and package reachable from <paramref name="csproj"/> through project references.</summary>
    private static (HashSet<string> Projects, HashSet<string> Packages) Reachable(string csproj)
    {
        var projects = new HashSet<string>(StringComparer.Ordinal);
        var packages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>([Path.GetFullPath(csproj)]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var path))
        {
            if (!seen.Add(path))
            {
                continue;
            }

            var document = XDocument.Load(path);
            foreach (var element in document.Descendants())
            {
                var include = (string?)element.Attribute("Include");
                if (include is null)
                {
                    continue;
                }

                if (element.Name.LocalName == "ProjectReference")
                {
                    var referenced = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, include.Replace('\\', '/')));
                    projects.Add(Path.GetFileNameWithoutExtension(referenced));
                    pending.Push(referenced);
                }
                else if (element.Name.LocalName == "PackageReference")
                {
                    packages.Add(include);
                }
            }
        }

        return (projects, packages);
    }
}
