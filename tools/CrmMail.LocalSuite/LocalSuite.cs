using System.Net;
using System.Text;
using CrmMail.Lambda.Core;
using CrmMail.LocalSuite.CloudFront;
using CrmMail.LocalSuite.Gateway;
using CrmMail.LocalSuite.Inbound;
using CrmMail.LocalSuite.Pages;
using CrmMail.Routes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
    private readonly WebApplication _app;
    private readonly LocalSuiteOptions _options;
    private readonly LambdaLogger _logger;
    private readonly HttpClient _http = new();
    private readonly TaskCompletionSource<(SuiteComposition Functions, LocalPages Pages)> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
            .AppendLine($"  pages       {BaseUrl}  ·  {BaseUrl}outbox  ·  {BaseUrl}contacts  ·  {BaseUrl}gallery  ·  {BaseUrl}stats  ·  {BaseUrl}campaigns")
            .AppendLine($"  API docs    {BaseUrl}docs  ·  {BaseUrl}openapi.json")
            .AppendLine($"  CloudFront  {BaseUrl}cdn/{{key}}  (key pair {Data.CloudFrontKeyPairId})")
            .AppendLine($"  API key     {Data.ApiKey}  (x-api-key, for send-mail and the campaign API; crm-mail campaign send reads it from the data folder)");
        foreach (var route in DeployedRoutes.All.Where(r => r.Method != "OPTIONS"))
        {
            lines.AppendLine($"  {route.Method,-6} {api}{route.Path}  → {route.Function}");
        }

        lines.AppendLine($"  SNS    POST {BaseUrl}inbound/mail (raw message; ?spf=&dkim=&dmarc=&spam=&virus= PASS|FAIL|GRAY, verdict= for all five, mailFrom=) and each outbox message's mail button  → {FunctionNames.MailtoUnsubscribe}");
        lines.AppendLine($"  SNS    POST {BaseUrl}inbound/ses-event (an SES event record, as SES publishes it) and each outbox message's delivery, open, click, bounce and complaint buttons  → {FunctionNames.SesEvents}");
        return lines.ToString();
    }

    /// <summary>Completes when the server stops (Ctrl+C).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ready.Task.IsCompletedSuccessfully)
        {
            await _ready.Task.Result.Functions.Campaigns.DisposeAsync().ConfigureAwait(false);
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }

    private void MapRoutes()
    {
        // Each stand-in maps its own endpoints (Gateway/, CloudFront/, Inbound/); the pages are here.
        Task<SuiteComposition> Functions() => FunctionsAsync();
        if (_options.ExtraApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            // An empty key would let a request without one through.
            throw new ArgumentException("An extra API key is empty.", nameof(_options));
        }

        var apiKeys = new List<(string, string)> { (Data.ApiKey, ApiGatewayProxy.LocalApiKeyId) };
        apiKeys.AddRange(_options.ExtraApiKeys.Select((key, i) => (key, ApiGatewayProxy.LocalApiKeyId + "-" + (i + 2).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        new ApiGatewayEndpoints(_options.Stage, apiKeys, Functions, _logger, _options.TimeProvider).Map(_app);
        new Campaigns.CampaignUploadEndpoints(Functions).Map(_app);
        new CloudFrontEndpoints(new SignedUrlVerifier(new Dictionary<string, string> { [Data.CloudFrontKeyPairId] = Data.CloudFrontPublicKeyPem }, _options.TimeProvider), Functions).Map(_app);
        new InboundEndpoints(Functions, _logger, _options.TimeProvider).Map(_app);
        new SesEventEndpoints(Functions, _logger, _options.TimeProvider).Map(_app);

        _app.MapGet("/", async context => await (await PagesAsync().ConfigureAwait(false)).HomeAsync(context, Data.ApiKey).ConfigureAwait(false));
        _app.MapGet("/outbox", async context => await (await PagesAsync().ConfigureAwait(false)).OutboxAsync(context).ConfigureAwait(false));
        _app.MapGet("/outbox/{id}", async context => await (await PagesAsync().ConfigureAwait(false)).MessageAsync(context, (string)context.Request.RouteValues["id"]!).ConfigureAwait(false));
        _app.MapGet("/outbox/{id}/html", async context => await (await PagesAsync().ConfigureAwait(false)).MessageHtmlAsync(context, (string)context.Request.RouteValues["id"]!).ConfigureAwait(false));
        _app.MapGet("/outbox/{id}/eml", async context => await (await PagesAsync().ConfigureAwait(false)).MessageRawAsync(context, (string)context.Request.RouteValues["id"]!).ConfigureAwait(false));
        _app.MapGet("/contacts", async context => await (await PagesAsync().ConfigureAwait(false)).ContactsAsync(context).ConfigureAwait(false));
        _app.MapGet("/contacts/{hash}", async context => await (await PagesAsync().ConfigureAwait(false)).ContactAsync(context, (string)context.Request.RouteValues["hash"]!).ConfigureAwait(false));
        _app.MapGet("/gallery", async context => await new GalleryPage(await FunctionsAsync().ConfigureAwait(false), ApiUrl).PageAsync(context).ConfigureAwait(false));
        _app.MapPost("/gallery/token", async context => await new GalleryPage(await FunctionsAsync().ConfigureAwait(false), ApiUrl).TokenAsync(context).ConfigureAwait(false));
        _app.MapGet("/gallery/spaces", async context => await new GalleryPage(await FunctionsAsync().ConfigureAwait(false), ApiUrl).SpacesAsync(context).ConfigureAwait(false));
        _app.MapGet("/stats", async context => await new StatsPage(await FunctionsAsync().ConfigureAwait(false), _options.TimeProvider).PageAsync(context).ConfigureAwait(false));
        _app.MapGet("/confirm", async context => await (await PagesAsync().ConfigureAwait(false)).ConfirmationAsync(context).ConfigureAwait(false));
        // Campaigns: the engine's pages and the status endpoint their progress bar follows.
        _app.MapGet("/campaigns", async context => await new CampaignPages((await FunctionsAsync().ConfigureAwait(false)).Campaigns, _http, ApiUrl, Data.ApiKey).ListAsync(context).ConfigureAwait(false));
        _app.MapPost("/campaigns/demo", async context => await new CampaignPages((await FunctionsAsync().ConfigureAwait(false)).Campaigns, _http, ApiUrl, Data.ApiKey).StartDemoAsync(context).ConfigureAwait(false));
        _app.MapGet("/campaigns/{id}", async context => await new CampaignPages((await FunctionsAsync().ConfigureAwait(false)).Campaigns, _http, ApiUrl, Data.ApiKey).CampaignAsync(context, (string)context.Request.RouteValues["id"]!).ConfigureAwait(false));
        _app.MapGet("/campaigns/{id}/status", async context => await new CampaignPages((await FunctionsAsync().ConfigureAwait(false)).Campaigns, _http, ApiUrl, Data.ApiKey).StatusAsync(context, (string)context.Request.RouteValues["id"]!).ConfigureAwait(false));
        // The API reference needs no function: it answers as soon as the server listens.
        var apiDocs = new ApiDocsPages(() => ApiUrl);
        _app.MapGet("/openapi.json", apiDocs.OpenApiJsonAsync);
        _app.MapGet("/docs", apiDocs.DocsAsync);
    }

    private async Task<LocalPages> PagesAsync() => (await _ready.Task.ConfigureAwait(false)).Pages;

    private async Task<SuiteComposition> FunctionsAsync() => (await _ready.Task.ConfigureAwait(false)).Functions;
}
