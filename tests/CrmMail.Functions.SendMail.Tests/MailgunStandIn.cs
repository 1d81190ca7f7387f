using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>A local HTTP listener standing in for Mailgun's messages API; records requests, answers from a script.</summary>
internal sealed class MailgunStandIn : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Queue<int> _statuses = new();

    public MailgunStandIn(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }

        _listener = CrmMail.Tests.Shared.LoopbackHttpListener.Start(out var baseUrl);
        Url = new Uri(baseUrl.GetLeftPart(UriPartial.Authority));
        _ = ServeAsync();
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string Path, string? Authorization, string ContentType, string Body)> Requests { get; } = new();

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            Requests.Enqueue((context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], context.Request.ContentType ?? string.Empty, await reader.ReadToEndAsync()));
            int status;
            lock (_statuses)
            {
                status = _statuses.Count > 0 ? _statuses.Dequeue() : 200;
            }

            context.Response.StatusCode = status;
            var body = status == 200 ? $$"""{"id":"<{{Guid.NewGuid():N}}@mg.example.com>","message":"Queued. Thank you."}""" : """{"message":"slow down"}""";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
            context.Response.Close();
        }
    }
}
