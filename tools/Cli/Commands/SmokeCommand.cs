using System.CommandLine;
using System.Globalization;
using System.Net;
using CrmMail.Routes;
using Spectre.Console;

namespace CrmMail.Cli.Commands;

/// <summary>
/// <c>crm-mail smoke --stage-url URL [--api-key K]</c>: after a deploy (or against <c>serve</c>),
/// calls every route of the route table once in a way that changes nothing (an invalid token,
/// an empty body, a bad signature, a CORS preflight) and prints each route's answer. Exit 1 when
/// a route is unreachable, answers 5xx (an init failure of a Native-AOT function shows here
/// first) or answers something its probe does not expect (a missing route, a wrong mapping).
/// </summary>
internal static class SmokeCommand
{
    public static Command Create(CliContext cli)
    {
        var stageUrl = CliOptions.Required("--stage-url", "the API's stage URL, for example https://abc.execute-api.eu-west-1.amazonaws.com/prod (serve: http://127.0.0.1:8080/local)");
        var apiKey = CliOptions.Optional("--api-key", "the send-mail API key; without it send-mail is expected to refuse with 403");
        var timeout = new Option<int>("--timeout") { Description = "seconds to wait for each route", DefaultValueFactory = _ => 30 };
        var command = new Command("smoke", "call every route harmlessly and report each answer (post-deploy check)") { stageUrl, apiKey, timeout };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(stageUrl), parse.GetValue(apiKey), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))), cli, cancellationToken));
        return command;
    }

    /// <summary>The harmless request each route gets, and the answers that mean "deployed and working".</summary>
    internal static SmokeProbe Probe(Route route, bool hasApiKey) => (route.Method, route.Function) switch
    {
        ("POST", FunctionNames.SendMail) => hasApiKey
            ? new SmokeProbe("empty body: validation", "{}", [HttpStatusCode.BadRequest])
            : new SmokeProbe("no API key: refused", "{}", [HttpStatusCode.Forbidden]),
        ("POST", FunctionNames.Campaigns) when route.Path == CampaignPaths.Campaigns => hasApiKey
            ? new SmokeProbe("empty body: validation", "{}", [HttpStatusCode.BadRequest])
            : new SmokeProbe("no API key: refused", "{}", [HttpStatusCode.Forbidden]),
        ("GET", FunctionNames.Unsubscribe) => new SmokeProbe("invalid token: redirect with error", null, [HttpStatusCode.Found, HttpStatusCode.SeeOther, HttpStatusCode.BadRequest], Query: "?data=smoke-invalid", RedirectMustContain: "error="),
        ("POST", FunctionNames.Unsubscribe) => new SmokeProbe("one-click with invalid token", "List-Unsubscribe=One-Click", [HttpStatusCode.BadRequest], Query: "?data=smoke-invalid", ContentType: "application/x-www-form-urlencoded"),
        ("OPTIONS", FunctionNames.AddContact) => new SmokeProbe("CORS preflight", null, [HttpStatusCode.OK, HttpStatusCode.NoContent], Preflight: true),
        ("POST", FunctionNames.AddContact) => new SmokeProbe("no Firebase token: refused", "{}", [HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest]),
        ("POST", FunctionNames.MailgunWebhook) => new SmokeProbe("bad signature: refused", """{"signature":{"timestamp":"0","token":"smoke","signature":"00"},"event-data":{}}""", [HttpStatusCode.Unauthorized, HttpStatusCode.NotAcceptable]),
        _ => new SmokeProbe("no harmless probe: any non-5xx answer", null, [], AnyBelow500: true),
    };

    private static async Task<int> RunAsync(string stageUrlText, string? apiKey, TimeSpan timeout, CliContext cli, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(stageUrlText.TrimEnd('/') + "/", UriKind.Absolute, out var stageUrl) || stageUrl.Scheme is not ("http" or "https"))
        {
            throw new CliUsageException($"--stage-url '{stageUrlText}' is not an http(s) URL");
        }

        // Redirects are the answer under test, never followed.
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = timeout };
        var table = new Table().AddColumns("route", "probe", "status", "result");
        var failures = 0;
        // What a deployment serves: a function without a construct yet has no method to probe.
        foreach (var route in DeployedRoutes.All)
        {
            var probe = Probe(route, apiKey is not null);
            var (status, verdict, ok) = await CallAsync(http, stageUrl, route, probe, apiKey, cancellationToken).ConfigureAwait(false);
            failures += ok ? 0 : 1;
            table.AddRow(Markup.Escape($"{route.Method} {route.Path}"), Markup.Escape(probe.What), Markup.Escape(status), ok ? "ok" : "FAIL: " + Markup.Escape(verdict));
        }

        // Plain text (no colours, no terminal codes): the table reads the same in a CI log.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(cli.Out), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        console.Profile.Width = 160;
        console.Write(table);
        var summary = string.Create(CultureInfo.InvariantCulture, $"crm-mail: smoke {stageUrl}: {DeployedRoutes.All.Count - failures} of {DeployedRoutes.All.Count} routes ok");
        await cli.Out.WriteLineAsync(summary).ConfigureAwait(false);
        return failures == 0 ? CliApp.Ok : CliApp.Failed;
    }

    private static async Task<(string Status, string Verdict, bool Ok)> CallAsync(HttpClient http, Uri stageUrl, Route route, SmokeProbe probe, string? apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(stageUrl, route.Path.TrimStart('/') + (probe.Query ?? string.Empty)));
        if (probe.Body is not null)
        {
            request.Content = new StringContent(probe.Body, System.Text.Encoding.UTF8, probe.ContentType);
        }

        if (probe.Preflight)
        {
            request.Headers.Add("Origin", "https://smoke.invalid");
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        }

        if (route.RequiresApiKey && apiKey is not null)
        {
            request.Headers.Add("x-api-key", apiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            var status = code.ToString(CultureInfo.InvariantCulture);
            if (code >= 500)
            {
                return (status, "server error", false);
            }

            if (probe.AnyBelow500)
            {
                return (status, string.Empty, true);
            }

            if (!probe.Expected.Contains(response.StatusCode))
            {
                return (status, "expected " + string.Join(" or ", probe.Expected.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture))), false);
            }

            if (probe.RedirectMustContain is not null && code is >= 300 and < 400
                && !(response.Headers.Location?.OriginalString.Contains(probe.RedirectMustContain, StringComparison.Ordinal) ?? false))
            {
                return (status, "redirect without " + probe.RedirectMustContain, false);
            }

            return (status, string.Empty, true);
        }
        catch (HttpRequestException exception)
        {
            return ("unreachable", exception.Message, false);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ("timeout", "no answer in time", false);
        }
    }
}
