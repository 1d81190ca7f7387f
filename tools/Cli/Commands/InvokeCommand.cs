using System.CommandLine;
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
    public static Command Create(CliContext cli)
    {
        var function = new Argument<string>("FUNCTION") { Description = "the function's folder under functions/ (Unsubscribe, AddContact, SendMail, MailtoUnsubscribe, MailgunWebhook)" };
        var eventFile = CliOptions.Required("--event", "the event JSON file (an API Gateway proxy event or an SNS event)");
        var binary = CliOptions.Optional("--binary", "run this bootstrap binary instead of publishing one");
        var inProcess = CliOptions.Switch("--in-process", "run the JIT build (dotnet bootstrap.dll) instead: the cold-start baseline");
        var timeout = new Option<int>("--timeout") { Description = "seconds to wait for the response", DefaultValueFactory = _ => 120 };
        var command = new Command("invoke", "run a function's Native-AOT binary once under a local Lambda Runtime API; prints the response") { function, eventFile, binary, inProcess, timeout };
        command.Validators.Add(result =>
        {
            if (result.GetValue(binary) is not null && result.GetValue(inProcess))
            {
                result.AddError("--binary and --in-process exclude each other");
            }
        });
        command.SetAction((parse, _) => RunAsync(
            parse.GetRequiredValue(function), parse.GetRequiredValue(eventFile), parse.GetValue(binary), parse.GetValue(inProcess), TimeSpan.FromSeconds(parse.GetValue(timeout)), cli));
        return command;
    }

    private static async Task<int> RunAsync(string function, string eventPath, string? binary, bool inProcess, TimeSpan timeout, CliContext cli)
    {
        var stdout = cli.Out;
        var stderr = cli.Error;
        if (timeout <= TimeSpan.Zero)
        {
            throw new CliUsageException("--timeout must be a positive number of seconds");
        }

        if (!File.Exists(eventPath))
        {
            throw new CliUsageException($"--event: no such file '{eventPath}'");
        }

        if (binary is not null)
        {
            CheckBinary(binary);
        }

        var root = RepositoryRoot();
        var project = Path.Combine(root, "functions", function, function + ".csproj");
        if (binary is null && !File.Exists(project))
        {
            throw new CliUsageException($"no function '{function}' (expected {project})");
        }

        var start = inProcess
            ? new ProcessStartInfo("dotnet") { ArgumentList = { await cli.Progress.RunAsync($"building {function} (JIT, Release)", () => BuildJitAsync(function, project, stderr)).ConfigureAwait(false) } }
            : new ProcessStartInfo(binary ?? await cli.Progress.RunAsync($"publishing {function} with Native AOT (a few minutes the first time)", () => PublishAsync(root, function, project, stderr)).ConfigureAwait(false));
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
        using var process = StartProcess(start);
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

    // A path that cannot run is the caller's mistake: say which, before any runtime starts.
    private static void CheckBinary(string binary)
    {
        if (Directory.Exists(binary))
        {
            throw new CliUsageException($"--binary '{binary}' is a directory (give the bootstrap file inside it)");
        }

        if (!File.Exists(binary))
        {
            throw new CliUsageException($"--binary: no such file '{binary}'");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(binary) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            throw new CliUsageException($"--binary '{binary}' is not executable (chmod +x it)");
        }
    }

    private static Process StartProcess(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new CliFailureException("could not start " + start.FileName);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new CliFailureException($"could not start {start.FileName}: {exception.Message}");
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
            throw new CliFailureException($"dotnet {arguments[0]} of {function} failed (its log is above)");
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
