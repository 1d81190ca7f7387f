using System.Text.Json;
using CrmMail.Hosting.Metrics;

namespace CrmMail.Hosting.Tests.Metrics;

public class EmfMetricsTests
{
    [Fact]
    public void Format_OneMetricWithDimension_MatchesTheEmbeddedMetricFormat()
    {
        var line = EmfMetrics.Format("CrmMail", "AuditWriteFailed", 1, MetricUnit.Count, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), [new("FunctionName", "unsubscribe")]);

        Assert.Equal(
            """{"_aws":{"Timestamp":1700000000000,"CloudWatchMetrics":[{"Namespace":"CrmMail","Dimensions":[["FunctionName"]],"Metrics":[{"Name":"AuditWriteFailed","Unit":"Count"}]}]},"FunctionName":"unsubscribe","AuditWriteFailed":1}""",
            line);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind);
    }
}
