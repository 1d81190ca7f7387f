using System.Diagnostics;
using System.Globalization;
using CrmMail.LocalRuntime;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail invoke FUNCTION --event FILE [--binary PATH | --in-process] [--timeout SECONDS]</c>:
/// runs the function's Native-AOT binary (published on the fly unless <c>--binary</c> names
/// one) under a local Runtime API, exactly as Lambda would, with configuration from the
/// environment. <c>--in-process</c> runs the JIT build instead (<c>dotnet bootstrap.dll</c>,
/// built before the clock starts), the baseline for cold-start comparisons. Prints the response JSON on stdout and, on stderr,
/// the time to first response, the invoke duration and the process's peak RSS.
/// </summary>
internal static class InvokeCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var function = args.Positional("FUNCTION");
        var eventPath = args.Required("event");
        var binary = args.Optional("binary");
        var inProcess = args.Optional("in-process") == "true";
        var timeout = TimeSpan.FromSeconds(int.TryParse(args.Optional("timeout") ?? "120", NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : throw new CliUsageException("--timeout must be a positive number of seconds"));
        args.EnsureNoneUnknown();
        if (!File.Exists(eventPath))
        {
            throw new CliUsageException($"--event: no such file '{eventPath}'");
        }

        var root = RepositoryRoot();
        var project = Path.Combine(root, "functions", function, function + ".csproj");
        if (binary is null && !File.Exists(project))
        {
            throw new CliUsageException($"no function '{function}' (expected {project})");
        }

        var start = inProcess
            ? new ProcessStartInfo("dotnet") { ArgumentList = { await BuildJitAsync(function, project, stderr).ConfigureAwait(false) } }
            : new ProcessStartInfo(binary ?? await PublishAsync(root, function, project, stderr).ConfigureAwait(false));
        var body = await File.ReadAllBytesAsync(eventPath).ConfigureAwait(false);

        await using var runtime = await LocalRuntimeApi.StartAsync().ConfigureAwait(false);
        // The clock below measures the function, not this process's first request.
        await runtime.WarmUpAsync().ConfigureAwait(false);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.Address;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = function;
        start.Environment.TryAdd("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        // The function's own log lines go to stderr, so stdout stays the response alone.
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { stderr.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { stderr.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var invocation = runtime.InvokeAsync(body, timeout);
            var finished = await Task.WhenAny(invocation, runtime.InitError, process.WaitForExitAsync()).ConfigureAwait(false);
            if (finished != invocation)
            {
                await stderr.WriteLineAsync(runtime.InitError.IsCompleted
                    ? "crm-mail: init error: " + System.Text.Encoding.UTF8.GetString(runtime.InitError.Result.Body)
                    : "crm-mail: the function exited before answering").ConfigureAwait(false);
                return CliApp.Failed;
            }

            var result = await invocation.ConfigureAwait(false);
            var firstResponse = clock.Elapsed;
            var peakRss = PeakRssKilobytes(process.Id);
            await stdout.WriteLineAsync(System.Text.Encoding.UTF8.GetString(result.Body)).ConfigureAwait(false);
            await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"crm-mail: {(inProcess ? "jit" : "aot")} {function}: first_response_ms={firstResponse.TotalMilliseconds:0.0} invoke_ms={result.Duration.TotalMilliseconds:0.0} peak_rss_mb={peakRss / 1024.0:0.0}{(result.IsError ? " error=" + result.ErrorType : string.Empty)}")).ConfigureAwait(false);
            return result.IsError ? CliApp.Failed : CliApp.Ok;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    // VmHWM: the resident set's high-water mark so far (the process is still alive, waiting on /next).
    private static long PeakRssKilobytes(int pid)
    {
        var status = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "status");
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? -1 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static async Task<string> PublishAsync(string root, string function, string project, TextWriter stderr)
    {
        var output = Path.Combine(root, "artifacts", "publish", function);
        await DotnetAsync(function, stderr, "publish", project, "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo").ConfigureAwait(false);
        return Path.Combine(output, "bootstrap");
    }

    // The JIT build, built before the clock starts, so the comparison is start-up against start-up.
    private static async Task<string> BuildJitAsync(string function, string project, TextWriter stderr)
    {
        await DotnetAsync(function, stderr, "build", project, "-c", "Release", "-nologo").ConfigureAwait(false);
        return Path.Combine(Path.GetDirectoryName(project)!, "bin", "Release", "net10.0", "linux-x64", "bootstrap.dll");
    }

    private static async Task DotnetAsync(string function, TextWriter stderr, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var log = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false) + await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            await stderr.WriteLineAsync(log).ConfigureAwait(false);
            throw new CliUsageException($"dotnet {arguments[0]} of {function} failed");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lambdas.sln")))
            {
                return dir.FullName;
            }
        }

        throw new CliUsageException("run crm-mail invoke inside the repository (Lambdas.sln not found above the current directory)");
    }
}
