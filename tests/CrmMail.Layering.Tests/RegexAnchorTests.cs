using System.Text.RegularExpressions;
using CrmMail.Tests.Shared;

namespace CrmMail.Layering.Tests;

/// <summary>
/// A whole-value pattern ends at <c>\z</c>, never <c>$</c>: in .NET, <c>$</c> also matches before
/// a final <c>\n</c>, so "P-1\n" passes <c>^[A-Za-z0-9_-]+$</c> and the line break travels on into
/// an S3 key, a signed URL's path, a secret name or a header. One scan of every shipped source
/// file instead of one test per validator, so a new pattern cannot forget it.
/// </summary>
public partial class RegexAnchorTests
{
    private static readonly string[] SourceRoots = ["layers", "functions", "tools", "infra"];

    [Fact]
    public void GeneratedRegex_AnchoredWholeValue_EndsAtBackslashZ()
    {
        // The rule: no [GeneratedRegex] in shipped code anchors its end with "$".
        var offenders = SourceFiles()
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(x => DollarAnchored(x.line))
            .Select(x => $"{Path.GetRelativePath(TestPaths.RepositoryRoot, x.file)}:{x.index + 1}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("    [GeneratedRegex(\"^[0-9]{4}$\")]", true)]
    [InlineData("    [System.Text.RegularExpressions.GeneratedRegex(@\"^[a-z]+$\", RegexOptions.None)]", true)]
    [InlineData("    [GeneratedRegex(@\"^[0-9]{4}\\z\")]", false)]
    [InlineData("    [GeneratedRegex(\"<[^>]+>\")]", false)]
    public void DollarAnchored_Line_IsRecognised(string line, bool expected)
    {
        // The rule: the scan above can fail (it sees "$" before the closing quote, in either string form).
        Assert.Equal(expected, DollarAnchored(line));
    }

    private static bool DollarAnchored(string line) => DollarAnchoredPattern().IsMatch(line);

    private static IEnumerable<string> SourceFiles()
        => SourceRoots
            .Select(root => Path.Combine(TestPaths.RepositoryRoot, root))
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules" or "cdk.out"));

    [GeneratedRegex(@"GeneratedRegex\(@?""[^""]*\$""")]
    private static partial Regex DollarAnchoredPattern();
}
