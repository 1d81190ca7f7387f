using System.Net;

namespace CrmMail.Aws.Tests;

/// <summary>Records requests (with their bodies) and answers from a script of responses.</summary>
internal sealed class RecordingHandler(params Func<HttpResponseMessage>[] responses) : HttpMessageHandler
{
    private int _next;

    public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Add((request, body));
        var index = Math.Min(_next++, responses.Length - 1);
        return responses.Length == 0 ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") } : responses[index]();
    }
}
