namespace CrmMail.Layering.Tests;

/// <summary>
/// The layering of the domain libraries as CONTRIBUTING.md writes it: the table between the
/// markers <c>&lt;!-- layering:begin --&gt;</c> and <c>&lt;!-- layering:end --&gt;</c>, one row
/// per library (<c>| CrmMail.X | CrmMail.Y, CrmMail.Z |</c>, or <c>—</c> for none), inner
/// libraries first.
/// </summary>
internal sealed class DomainLayering
{
    /// <summary>Package id prefixes no domain library may reference (AWS SDK, the official Lambda packages).</summary>
    public static readonly string[] ForbiddenPackagePrefixes = ["AWSSDK.", "Amazon.Lambda."];

    private DomainLayering(IReadOnlyList<(string Library, IReadOnlyList<string> MayReference)> rows) => Rows = rows;

    /// <summary>The rows in the order written.</summary>
    public IReadOnlyList<(string Library, IReadOnlyList<string> MayReference)> Rows { get; }

    /// <summary>The domain libraries.</summary>
    public IEnumerable<string> Libraries => Rows.Select(r => r.Library);

    /// <summary>Parses the table out of CONTRIBUTING.md's text.</summary>
    public static DomainLayering Parse(string markdown)
    {
        var begin = markdown.IndexOf("<!-- layering:begin -->", StringComparison.Ordinal);
        var end = markdown.IndexOf("<!-- layering:end -->", StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new FormatException("CONTRIBUTING.md has no layering table between <!-- layering:begin --> and <!-- layering:end -->.");
        }

        var rows = new List<(string, IReadOnlyList<string>)>();
        foreach (var line in markdown[begin..end].Split('\n'))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            if (cells.Length < 2 || !cells[0].StartsWith("CrmMail.", StringComparison.Ordinal))
            {
                continue;
            }

            var allowed = cells[1].Split(',').Select(c => c.Trim().Trim('`')).Where(c => c.StartsWith("CrmMail.", StringComparison.Ordinal)).ToList();
            rows.Add((cells[0], allowed));
        }

        return new DomainLayering(rows);
    }

    /// <summary>Every way <paramref name="project"/> breaks the layering (empty: it keeps it).</summary>
    public IEnumerable<string> Violations(ProjectReferences project)
    {
        var row = Rows.FirstOrDefault(r => r.Library == project.Name);
        if (row.Library is null)
        {
            yield return project.Name + " is not a domain library in the layering table";
            yield break;
        }

        foreach (var reference in project.Projects.Where(p => !row.MayReference.Contains(p)))
        {
            yield return Libraries.Contains(reference)
                ? $"{project.Name} references {reference}, which the layering does not allow"
                : $"{project.Name} references {reference}, a hosting or adapter project";
        }

        foreach (var package in project.Packages.Where(p => ForbiddenPackagePrefixes.Any(f => p.StartsWith(f, StringComparison.OrdinalIgnoreCase))))
        {
            yield return $"{project.Name} references the package {package}";
        }
    }

    /// <summary>Rows that name a library not written above them (a cycle or an outward reference).</summary>
    public IEnumerable<string> OrderViolations()
    {
        for (var i = 0; i < Rows.Count; i++)
        {
            var above = Rows.Take(i).Select(r => r.Library).ToHashSet(StringComparer.Ordinal);
            foreach (var reference in Rows[i].MayReference.Where(r => !above.Contains(r)))
            {
                yield return $"{Rows[i].Library} may reference {reference}, which is not an inner library written above it";
            }
        }
    }
}
