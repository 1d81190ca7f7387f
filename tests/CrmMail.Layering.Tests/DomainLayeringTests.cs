using CrmMail.Tests.Shared;

namespace CrmMail.Layering.Tests;

public class DomainLayeringTests
{
    private static readonly string[] DomainLibraries =
        ["CrmMail.Kernel", "CrmMail.Signing", "CrmMail.Identity", "CrmMail.Subscriptions", "CrmMail.Mail", "CrmMail.Inbound", "CrmMail.Routes", "CrmMail.ApiDocs", "CrmMail.SignedDelivery", "CrmMail.Gallery", "CrmMail.Campaigns"];

    private static DomainLayering Written()
        => DomainLayering.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "CONTRIBUTING.md")));

    // The construct library lives with the CDK app (infra/), the others in layers/.
    private static ProjectReferences Project(string name)
        => ProjectReferences.Read(Path.Combine(TestPaths.RepositoryRoot, name == "CrmMail.SignedDelivery" ? "infra" : "layers", name, name + ".csproj"));

    [Fact]
    public void Contributing_LayeringTable_NamesEveryDomainLibrary()
    {
        // The rule: the written layering covers the whole domain, so no library escapes the check below.
        Assert.Equal(DomainLibraries.Order(StringComparer.Ordinal), Written().Libraries.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Contributing_LayeringTable_OnlyPointsInward()
    {
        // The rule: a library may reference only libraries written above it, so the layering has no cycle.
        Assert.Empty(Written().OrderViolations());
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void DomainLibrary_References_FollowTheWrittenLayering(string library)
    {
        // The rule: a domain library references no hosting or adapter project (CrmMail.Lambda, CrmMail.Hosting,
        // CrmMail.Aws), no AWSSDK or Amazon.Lambda package, and no domain library the layering does not allow.
        Assert.Empty(Written().Violations(Project(library)));
    }

    [Fact]
    public void Violations_HostingProjectAndSdkPackage_AreBothReported()
    {
        // The rule: the checker itself sees each kind of break (so the theory above can fail).
        var layering = DomainLayering.Parse("<!-- layering:begin -->\n| CrmMail.Kernel | — |\n| CrmMail.Signing | CrmMail.Kernel |\n<!-- layering:end -->");
        var project = new ProjectReferences("CrmMail.Kernel", ["CrmMail.Lambda", "CrmMail.Signing"], ["AWSSDK.Core", "Polly.Core"]);

        var sut = layering.Violations(project).ToList();

        Assert.Equal(3, sut.Count);
        Assert.Contains(sut, v => v.Contains("CrmMail.Lambda, a hosting or adapter project", StringComparison.Ordinal));
        Assert.Contains(sut, v => v.Contains("CrmMail.Signing, which the layering does not allow", StringComparison.Ordinal));
        Assert.Contains(sut, v => v.Contains("package AWSSDK.Core", StringComparison.Ordinal));
    }

    public static TheoryData<string> Libraries() => new(DomainLibraries);
}
