using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CrmMail.Hosting.Metrics;

/// <summary>
/// Writes CloudWatch Embedded Metric Format lines to stdout: CloudWatch Logs turns each into
/// a metric with no API call on the hot path. An EMF line must be a bare JSON object, so it
/// bypasses the logger's envelope.
/// </summary>
public sealed class EmfMetrics(TextWriter output, TimeProvider timeProvider, string metricNamespace)
{
    private readonly Lock _gate = new();

    /// <summary>Emits one metric with optional dimensions (name, value).</summary>
    public void Emit(string name, double value, MetricUnit unit, params ReadOnlySpan<KeyValuePair<string, string>> dimensions)
    {
        var line = Format(metricNamespace, name, value, unit, timeProvider.GetUtcNow(), dimensions);
        lock (_gate)
        {
            output.Write(line);
            output.Write('\n');
            output.Flush();
        }
    }

    /// <summary>The EMF JSON object for one metric.</summary>
    public static string Format(string metricNamespace, string name, double value, MetricUnit unit, DateTimeOffset timestamp, ReadOnlySpan<KeyValuePair<string, string>> dimensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(metricNamespace);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("_aws");
            writer.WriteNumber("Timestamp", timestamp.ToUnixTimeMilliseconds());
            writer.WriteStartArray("CloudWatchMetrics");
            writer.WriteStartObject();
            writer.WriteString("Namespace", metricNamespace);
            writer.WriteStartArray("Dimensions");
            writer.WriteStartArray();
            foreach (var dimension in dimensions)
            {
                writer.WriteStringValue(dimension.Key);
            }

            writer.WriteEndArray();
            writer.WriteEndArray();
            writer.WriteStartArray("Metrics");
            writer.WriteStartObject();
            writer.WriteString("Name", name);
            writer.WriteString("Unit", unit.ToString());
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            foreach (var dimension in dimensions)
            {
                writer.WriteString(dimension.Key, dimension.Value);
            }

            writer.WriteNumber(name, value);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
