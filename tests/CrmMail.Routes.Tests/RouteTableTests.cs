using CrmMail.Tests.Shared;

namespace CrmMail.Routes.Tests;

public class RouteTableTests
{
    [Fact]
    public void All_EveryFunctionNamed_HasAProjectUnderFunctions()
    {
        foreach (var function in RouteTable.All.Select(r => r.Function).Distinct())
        {
            Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, "functions", function, function + ".csproj")), function + " has no project");
        }
    }

    [Fact]
    public void All_EveryFunctionProject_IsRouted()
    {
        // SNS-triggered functions have no HTTP route, nor has the CloudFormation custom resource
        // behind CrmMail.SignedDelivery's SigningKeyPair (CloudFormation invokes it).
        // The campaign planner is invoked asynchronously, the sender by its queue.
        string[] notHttp = [FunctionNames.MailtoUnsubscribe, "CloudFrontKeyPair", FunctionNames.SesEvents, FunctionNames.CampaignPlanner, FunctionNames.CampaignSender];
        var projects = Directory.GetDirectories(Path.Combine(TestPaths.RepositoryRoot, "functions")).Select(Path.GetFileName).Where(n => !notHttp.Contains(n));

        Assert.All(projects, p => Assert.Contains(RouteTable.All, r => r.Function == p));
    }

    [Fact]
    public void All_MethodAndPath_AreUniqueAndWellFormed()
    {
        Assert.Equal(RouteTable.All.Count, RouteTable.All.Select(r => (r.Method, r.Path)).Distinct().Count());
        Assert.All(RouteTable.All, r =>
        {
            Assert.StartsWith("/", r.Path, StringComparison.Ordinal);
            Assert.Contains(r.Method, new[] { "GET", "POST", "OPTIONS", "PUT", "DELETE" });
        });
    }

    [Fact]
    public void Find_IsCaseInsensitiveOnMethodOnly()
    {
        Assert.Equal(FunctionNames.Unsubscribe, RouteTable.Find("get", "/financial/unsubscribe")?.Function);
        Assert.Null(RouteTable.Find("GET", "/Financial/unsubscribe"));
    }
}
