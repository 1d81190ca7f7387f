using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmMail.Functions.MailtoUnsubscribe;
using CrmMail.Hosting.Logging;
using CrmMail.Kernel;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.LocalSuite.CloudFront;
using CrmMail.LocalSuite.Gateway;
using CrmMail.LocalSuite.Pages;
using CrmMail.Routes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmMail.LocalSuite;

/// <summary>
/// The whole suite on 127.0.0.1: the API routes of <see cref="RouteTable"/> behind an API
/// Gateway stand-in (<c>/{stage}/...</c>), the CloudFront stand-in (<c>/cdn/...</c>) and the
/// local pages (outbox, contacts, confirmation).
/// </summary>
public sealed class LocalSuite : IAsyncDisposable
{
    /// <summary>The deadline each function gets (API Gateway's 29 s integration limit).</summary>
    private static readonly TimeSpan FunctionTimeout = TimeSpan.FromSeconds(29);

    private readonly WebApplication _app;
    private readonly LocalSuiteOptions _options;
    private readonly LambdaLogger _logger;
    private readonly HttpClient _http = new();
    private readonly TaskCompletionSource<(SuiteComposition Functions, LocalPages Pages)> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SignedUrlVerifier? _verifier;

    private LocalSuite(WebApplication app, LocalSuiteOptions options, LocalDataDirectory data)
    {
        _app = app;
        _options = options;
        Data = data;
        _logger = new LambdaLogger(options.Log, options.TimeProvider, LambdaLogFormat.Text, Lambda.Core.LogLevel.Information);
    }

    /// <summary>The server's root, e.g. http://127.0.0.1:8080/.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The API's root including the stage, e.g. http://127.0.0.1:8080/local/.</summary>
    public Uri ApiUrl => new(BaseUrl, _options.Stage + "/");

    /// <summary>The data folder.</summary>
    public LocalDataDirectory Data { get; }

    /// <summary>Starts the server; composes the functions once its address is known.</summary>
    public static async Task<LocalSuite> StartAsync(LocalSuiteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = LocalDataDirectory.Open(options.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = ApiGatewayProxy.MaxBodyBytes + 1;
        });
        var app = builder.Build();
        var suite = new LocalSuite(app, options, data);
        suite.MapRoutes();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        suite.BaseUrl = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority) + "/");
        try
        {
            var functions = await SuiteComposition.BuildAsync(options, data, suite.BaseUrl, suite._http, suite._logger, cancellationToken).ConfigureAwait(false);
            suite._verifier = new SignedUrlVerifier(new Dictionary<string, string> { [data.CloudFrontKeyPairId] = data.CloudFrontPublicKeyPem }, options.TimeProvider);
            suite._ready.SetResult((functions, new LocalPages(functions, suite.ApiUrl, data)));
        }
        catch
        {
            await suite.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return suite;
    }

    /// <summary>The start-up lines: what to open and how to call the API.</summary>
    public string Describe()
    {
        var api = ApiUrl.AbsoluteUri.TrimEnd('/');
        var mode = _options.AwsEndpoint is null ? "local files" : "AWS adapters at " + _options.AwsEndpoint;
        var lines = new StringBuilder()
            .AppendLine($"crm-mail serve: listening on {BaseUrl} ({mode}; data in {Data.Root})")
            .AppendLine($"  pages       {BaseUrl}  ·  {BaseUrl}outbox  ·  {BaseUrl}contacts")
            .AppendLine($"  CloudFront  {BaseUrl}cdn/{{key}}  (key pair {Data.CloudFrontKeyPairId})")
            .AppendLine($"  API key     {Data.ApiKey}  (x-api-key, for send-mail)");
        foreach (var route in RouteTable.All.Where(r => r.Method != "OPTIONS"))
        {
            lines.AppendLine($"  {route.Method,-6} {api}{route.Path}  → {route.Function}");
        }

        lines.AppendLine($"  SNS    POST {BaseUrl}inbound/mail (raw message; ?spf=&dkim=&dmarc=&spam=&virus= PASS|FAIL|GRAY, verdict= for all five, mailFrom=) and each outbox message's mail button  → {FunctionNames.MailtoUnsubscribe}");
        return lines.ToString();
    }

    /// <summary>Completes when the server stops (Ctrl+C).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }

    private void MapRoutes()
    {
        var stage = "/" + _options.Stage;
        foreach (var group in RouteTable.All.GroupBy(r => r.Path))
        {
            var routes = group.ToList();
            _app.Map(stage + group.Key, context =>
            {
                var route = routes.FirstOrDefault(r => string.Equals(r.Method, context.Request.Method, StringComparison.OrdinalIgnoreCase));
                return route is null
                    ? ApiGatewayProxy.WriteGatewayErrorAsync(context.Response, 403, "Missing Authentication Token")
                    : InvokeApiAsync(context, route);
            });
        }

        // API Gateway's answer for a path with no resource.
        _app.Map(stage + "/{**rest}", context => ApiGatewayProxy.WriteGatewayErrorAsync(context.Response, 403, "Missing Authentication Token"));
        _app.MapMethods("/cdn/{**key}", ["GET", "HEAD"], ServeReportAsync);

        _app.MapGet("/", async context => await (await PagesAsync().ConfigureAwait(false)).HomeAsync(context, Data.ApiKey).ConfigureAwait(false));
        _app.MapGet("/outbox", async context => await (await PagesAsync().ConfigureAwait(false)).OutboxAsync(context).ConfigureAwait(false));
        _app.MapGet("/outbox/{id}", async context => await (await PagesAsync().ConfigureAwait(false)).MessageAsync(context, (string)context.Request.RouteValues["id"]!).ConfigureAwait(false));
        _app.MapGet("/outbox/{id}/html", async context => await (await PagesAsync().ConfigureAwait(false)).MessageHtmlAsync(context, (string)context.Request.RouteValues["id"]!).ConfigureAwait(false));
        _app.MapGet("/outbox/{id}/eml", async context => await (await PagesAsync().ConfigureAwait(false)).MessageRawAsync(context, (string)context.Request.RouteValues["id"]!).ConfigureAwait(false));
        _app.MapPost("/outbox/{id}/mailto", MailtoReplyAsync);
        _app.MapPost("/inbound/mail", InboundMailAsync);
        _app.MapGet("/contacts", async context => await (await PagesAsync().ConfigureAwait(false)).ContactsAsync(context).ConfigureAwait(false));
        _app.MapGet("/contacts/{hash}", async context => await (await PagesAsync().ConfigureAwait(false)).ContactAsync(context, (string)context.Request.RouteValues["hash"]!).ConfigureAwait(false));
        _app.MapGet("/confirm", async context => await (await PagesAsync().ConfigureAwait(false)).ConfirmationAsync(context).ConfigureAwait(false));
    }

    private async Task<LocalPages> PagesAsync() => (await _ready.Task.ConfigureAwait(false)).Pages;

    private async Task InvokeApiAsync(HttpContext context, Route route)
    {
        var (functions, _) = await _ready.Task.ConfigureAwait(false);
        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            await ApiGatewayProxy.WriteGatewayErrorAsync(context.Response, 413, "Request Too Long").ConfigureAwait(false);
            return;
        }

        if (buffer.Length > ApiGatewayProxy.MaxBodyBytes)
        {
            await ApiGatewayProxy.WriteGatewayErrorAsync(context.Response, 413, "Request Too Long").ConfigureAwait(false);
            return;
        }

        string? apiKey = null;
        if (route.RequiresApiKey)
        {
            apiKey = context.Request.Headers["x-api-key"].ToString();
            var expected = Encoding.UTF8.GetBytes(Data.ApiKey);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(apiKey), expected))
            {
                await ApiGatewayProxy.WriteGatewayErrorAsync(context.Response, 403, "Forbidden").ConfigureAwait(false);
                return;
            }
        }

        var now = _options.TimeProvider.GetUtcNow();
        var requestId = Guid.NewGuid().ToString();
        var built = ApiGatewayProxy.BuildEvent(context.Request, route, _options.Stage, buffer.ToArray(), requestId, now, [], apiKey);

        // Through the wire format both ways, exactly as the Lambda service hands it over.
        var delivered = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(built, LambdaEventsJsonContext.Default.APIGatewayProxyRequest), LambdaEventsJsonContext.Default.APIGatewayProxyRequest)!;
        var function = route.Function switch
        {
            FunctionNames.SendMail => functions.SendMail,
            FunctionNames.Unsubscribe => functions.Unsubscribe,
            FunctionNames.AddContact => functions.AddContact,
            FunctionNames.MailgunWebhook => functions.MailgunWebhook,
            _ => throw new InvalidOperationException($"No local host for {route.Function}."),
        };
        var traceId = built.Headers!["X-Amzn-Trace-Id"];
        var lambdaContext = new LocalLambdaContext(route.Function, requestId, traceId, _logger.ForInvocation(requestId, traceId), now + FunctionTimeout, _options.TimeProvider);
        APIGatewayProxyResponse response;
        try
        {
            var result = await function(delivered, lambdaContext).ConfigureAwait(false);
            response = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(result, LambdaEventsJsonContext.Default.APIGatewayProxyResponse), LambdaEventsJsonContext.Default.APIGatewayProxyResponse)!;
        }
#pragma warning disable CA1031 // As in Lambda: a function error becomes API Gateway's 502, logged, never shown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            lambdaContext.Logger.WriteError("Unhandled function error.", LogField.Of("errorType", exception.GetType().Name), LogField.Of("function", route.Function));
            await ApiGatewayProxy.WriteGatewayErrorAsync(context.Response, 502, "Internal server error").ConfigureAwait(false);
            return;
        }

        await ApiGatewayProxy.WriteResponseAsync(context.Response, response, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ServeReportAsync(HttpContext context)
    {
        var (functions, _) = await _ready.Task.ConfigureAwait(false);
        var request = context.Request;
        var viewer = context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
        // The request target exactly as the viewer sent it: CloudFront checks the URL it received.
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? request.Path.ToUriComponent() + request.QueryString.Value;
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? target : target[..queryStart];
        var rawQuery = queryStart < 0 ? string.Empty : target[queryStart..];
        var rejection = _verifier!.Verify(request.Scheme, request.Host.Value!, rawPath, rawQuery, viewer);
        var key = Uri.UnescapeDataString(((string?)request.RouteValues["key"]) ?? string.Empty);
        var file = rejection == SignedUrlRejection.None ? await functions.Reports.OpenAsync(key, context.RequestAborted).ConfigureAwait(false) : null;
        if (file is null)
        {
            // CloudFront answers 403 AccessDenied for a bad signature and, behind OAC without
            // s3:ListBucket, for a missing object too. The reason header is local only.
            context.Response.StatusCode = 403;
            context.Response.ContentType = "application/xml";
            context.Response.Headers["X-Cache"] = "Error from cloudfront";
            context.Response.Headers["X-Local-Reason"] = rejection == SignedUrlRejection.None ? "NoSuchKey" : rejection.ToString();
            await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access denied</Message></Error>").ConfigureAwait(false);
            return;
        }

        await using (file.Content.ConfigureAwait(false))
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = file.ContentType;
            context.Response.ContentLength = file.Length;
            context.Response.Headers["X-Cache"] = "Miss from cloudfront";
            if (!HttpMethods.IsHead(request.Method))
            {
                await file.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private async Task MailtoReplyAsync(HttpContext context)
    {
        var (functions, _) = await _ready.Task.ConfigureAwait(false);
        var id = (string)context.Request.RouteValues["id"]!;
        var message = functions.Outbox.Find(id);
        var mailto = message is null ? null : LocalPages.MailtoLink(message);
        if (message is null || mailto is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("No such message, or it has no mailto unsubscribe link.").ConfigureAwait(false);
            return;
        }

        var mime = Inbound.SesInboundMail.Compose(message.To, mailto.Value.Mailbox, mailto.Value.Subject, _options.TimeProvider.GetUtcNow());
        var report = await DeliverInboundAsync(context, functions, mime, Inbound.InboundVerdicts.All("PASS"), null).ConfigureAwait(false);
        if (report is not null)
        {
            context.Response.Redirect($"/outbox/{id}?mailto={(report.Applied > 0 ? "applied" : "ignored")}", permanent: false);
        }
    }

    // POST /inbound/mail: any raw RFC 5322 message, as if it arrived at the unsubscribe mailbox.
    // Each of SES's verdicts can be set (?spf=&dkim=&dmarc=&spam=&virus=, PASS|FAIL|GRAY,
    // default PASS; ?verdict= sets all five) and the envelope sender SPF checked (?mailFrom=;
    // default the From address, empty for the null sender), so the sender rules can be tried.
    private async Task InboundMailAsync(HttpContext context)
    {
        var (functions, _) = await _ready.Task.ConfigureAwait(false);
        var query = context.Request.Query;
        if (Inbound.InboundVerdicts.FromQuery(name => query.TryGetValue(name, out var value) ? value.ToString() : null, out var badParameter) is not { } verdicts)
        {
            await WriteInboundErrorAsync(context, badParameter!, $"The query parameter {badParameter} must be PASS, FAIL or GRAY.").ConfigureAwait(false);
            return;
        }

        string? mailFrom = null;
        if (query.TryGetValue("mailFrom", out var givenMailFrom))
        {
            mailFrom = givenMailFrom.ToString().Trim();
            if (mailFrom is "<>")
            {
                mailFrom = string.Empty;
            }

            if (mailFrom.Length > 0 && (mailFrom.Length > 320 || !MimeKit.MailboxAddress.TryParse(mailFrom, out var envelope) || envelope.Address != mailFrom || !envelope.Address.Contains('@', StringComparison.Ordinal)))
            {
                await WriteInboundErrorAsync(context, "mailFrom", "The query parameter mailFrom must be an address (local@domain), or empty for the null sender.").ConfigureAwait(false);
                return;
            }
        }

        MimeKit.MimeMessage mime;
        try
        {
            mime = await MimeKit.MimeMessage.LoadAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (FormatException)
        {
            await WriteInboundErrorAsync(context, "body", "The body is not an RFC 5322 message.").ConfigureAwait(false);
            return;
        }

        using (mime)
        {
            var report = await DeliverInboundAsync(context, functions, mime, verdicts, mailFrom).ConfigureAwait(false);
            if (report is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(report, MailtoJsonContext.Default.MailtoReport)).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteInboundErrorAsync(HttpContext context, string field, string message)
    {
        var error = CrmMail.Hosting.Responses.ApiResponses.Error(400, "bad_request", message, [new(field, message)]);
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(error.Body ?? string.Empty).ConfigureAwait(false);
    }

    // SES receipt → SNS → the mailto function; null when the function asked for a retry (503 written).
    private async Task<MailtoReport?> DeliverInboundAsync(HttpContext context, SuiteComposition functions, MimeKit.MimeMessage mime, Inbound.InboundVerdicts verdicts, string? mailFrom)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var snsEvent = Inbound.SesInboundMail.ToSnsEvent(mime, now, verdicts, mailFrom);
        var delivered = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(snsEvent, LambdaEventsJsonContext.Default.SNSEvent), LambdaEventsJsonContext.Default.SNSEvent)!;
        var requestId = Guid.NewGuid().ToString();
        var lambdaContext = new LocalLambdaContext(FunctionNames.MailtoUnsubscribe, requestId, string.Empty, _logger.ForInvocation(requestId, null), now + TimeSpan.FromSeconds(30), _options.TimeProvider);
        try
        {
            return await functions.Mailto(delivered, lambdaContext).ConfigureAwait(false);
        }
        catch (DependencyUnavailableException exception)
        {
            // In Lambda the event is retried; here the caller tries again.
            lambdaContext.Logger.WriteWarning("A dependency is unavailable; retry.", LogField.Of("reason", exception.Message));
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "30";
            await context.Response.WriteAsync("A dependency is unavailable; try again.").ConfigureAwait(false);
            return null;
        }
    }
}
