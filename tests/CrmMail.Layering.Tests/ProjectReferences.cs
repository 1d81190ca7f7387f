using System.Xml.Linq;

namespace CrmMail.Layering.Tests;

/// <summary>What one .csproj references: project names (file name without extension) and package ids.</summary>
internal sealed record ProjectReferences(string Name, IReadOnlyList<string> Projects, IReadOnlyList<string> Packages)
{
    /// <summary>Reads <paramref name="csprojPath"/>; project references are named by their file's name.</summary>
    public static ProjectReferences Read(string csprojPath)
    {
        var document = XDocument.Load(csprojPath);
        var projects = document.Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(((string?)e.Attribute("Include") ?? string.Empty).Replace('\\', '/')))
            .ToList();
        var packages = document.Descendants()
            .Where(e => e.Name.LocalName == "PackageReference")
            .Select(e => (string?)e.Attribute("Include") ?? (string?)e.Attribute("Update") ?? string.Empty)
            .ToList();
        return new ProjectReferences(Path.GetFileNameWithoutExtension(csprojPath), projects, packages);
    }
}
