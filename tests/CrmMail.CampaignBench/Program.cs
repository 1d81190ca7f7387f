using System.Globalization;
using CrmMail.CampaignBench;

// Usage: CrmMail.CampaignBench [--rates 50,100,...] [--seconds 8] [--recipients 100000] [--fault-rate 1000] [--latency-ms 30] [--skip-throughput] [--skip-faults]
var options = Args.Parse(args);
// The send gate's metrics go to stdout as EMF lines (as in Lambda); they are written and dropped here, so the table stays readable.
var output = Console.Out;
Console.SetOut(TextWriter.Null);
var latency = TimeSpan.FromMilliseconds(options.Int("latency-ms", 30));
var invariant = CultureInfo.InvariantCulture;
output.WriteLine(string.Create(invariant, $"machine: {Environment.ProcessorCount} cores; simulated SES latency {latency.TotalMilliseconds:0} ms per call"));

// Warm-up (discarded): the first run pays for JIT and first-use costs that belong to no rate.
await CampaignBenchmark.RunAsync(new BenchRun(400, 200, 2, 8, latency), TimeSpan.FromMinutes(2));

if (!options.Has("skip-throughput"))
{
    var seconds = options.Int("seconds", 8);
    output.WriteLine();
    output.WriteLine("## Throughput (no faults): recipients/s against the configured SES_MAX_SEND_RATE");
    output.WriteLine("| rate (/s) | instances | recipients | recipients/s | of rate | CPU µs/recipient | CPU used (cores) | throttled by SES |");
    output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var rate in options.Text("rates", "50,100,200,400,800,1600,3200,6400").Split(',').Select(r => int.Parse(r, invariant)))
    {
        // Enough instances that latency never limits the rate (each sends SendConcurrency at once, 30 ms each).
        var instances = Math.Max(2, (int)Math.Ceiling(rate / 100.0));
        var recipients = rate * seconds;
        var result = await CampaignBenchmark.RunAsync(new BenchRun(recipients, rate, instances, 8, latency), TimeSpan.FromMinutes(5));
        output.WriteLine(string.Create(invariant, $"| {rate} | {instances} | {recipients} | {result.PerSecond(recipients):0.0} | {result.PerSecond(recipients) / rate:P1} | {result.CpuMicrosPerRecipient(recipients):0} | {result.Cpu.TotalSeconds / result.Elapsed.TotalSeconds:0.00} | {result.RateThrottled} |"));
    }
}

if (!options.Has("skip-faults"))
{
    var recipients = options.Int("recipients", 100_000);
    var rate = options.Int("fault-rate", 1000);
    var instances = Math.Max(2, (int)Math.Ceiling(rate / 100.0));
    var run = new BenchRun(recipients, rate, instances, 8, latency, ThrottleFaults: 0.01, ServerFaults: 0.005, DuplicateDeliveries: 0.02, KillEvery: Math.Max(1, recipients / 5));
    output.WriteLine();
    output.WriteLine(string.Create(invariant, $"## {recipients} recipients end to end with faults (rate {rate}/s, {instances} instances; 1% throttling, 0.5% 5xx, 2% duplicate deliveries, a sender killed after SES accepted every {run.KillEvery}th message)"));
    var result = await CampaignBenchmark.RunAsync(run, TimeSpan.FromMinutes(30));
    output.WriteLine(string.Create(invariant, $"state {result.State} in {result.Elapsed.TotalSeconds:0.0} s ({result.PerSecond(recipients):0.0} recipients/s); sent {result.Sent}, failed {result.Failed}, suppressed {result.Suppressed}, pending {result.Pending}"));
    output.WriteLine(string.Create(invariant, $"faults seen: SES calls {result.Calls}, rate throttled {result.RateThrottled}, injected throttling {result.InjectedThrottles}, injected 5xx {result.InjectedServerErrors}, senders killed {result.Kills}, sender invocations {result.Invocations}"));
    output.WriteLine(string.Create(invariant, $"recipients sent twice: {result.DeliveredTwice}"));
    output.WriteLine(string.Create(invariant, $"recipients lost (never sent, or no recorded result): {Math.Max(result.NeverDelivered, result.WithoutResult)} (never sent {result.NeverDelivered}, without a result {result.WithoutResult}, in the DLQ {result.DeadLetters})"));
    output.WriteLine(string.Create(invariant, $"recorded failed as outcome_unknown (the kills' window: sent once, result unknown): {result.Failed}"));
    return result.DeliveredTwice == 0 && result.NeverDelivered == 0 && result.WithoutResult == 0 && result.State == "completed" ? 0 : 1;
}

return 0;
