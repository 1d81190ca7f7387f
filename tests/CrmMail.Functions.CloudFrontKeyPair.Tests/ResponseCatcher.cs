using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CrmMail.Tests.Shared;

namespace CrmMail.Functions.CloudFrontKeyPair.Tests;

/// <summary>
/// The presigned ResponseURL's stand-in: a loopback listener that records each PUT (method,
/// Content-Type, body) and answers the next scripted status (200 once the script runs out).
/// </summary>
internal sealed class ResponseCatcher : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<int> _statuses;
    private readonly Task _loop;

    public ResponseCatcher(params int[] statuses)
    {
        _statuses = new ConcurrentQueue<int>(statuses);
        _listener = LoopbackHttpListener.Start(out var baseUrl);
        Url = new Uri(baseUrl, "cloudformation-response?X-Amz-Signature=abc");
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string Method, string? ContentType, string Body)> Received { get; } = new();

    /// <summary>The last answer, parsed.</summary>
    public JsonElement Last => JsonDocument.Parse(Received.Last().Body).RootElement.Clone();

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under GetContextAsync: the loop's normal end.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            Received.Enqueue((context.Request.HttpMethod, context.Request.ContentType, await reader.ReadToEndAsync()));
            context.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : 200;
            context.Response.Close();
        }
    }
}
