using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CrmMail.Aws.Composition;
using CrmMail.Lambda.Core;
using CrmMail.Settings;

namespace CrmMail.TestSupport;

/// <summary>
/// An endpoint that fails the two ways a dead dependency does: <c>refusing</c> (a port nothing
/// listens on: connection refused at once) or <c>silent</c> (a listener that accepts every
/// connection and never says a word: only a timeout ends the wait).
/// </summary>
public sealed class DeadEndpoint : IDisposable
{
    private readonly TcpListener? _listener;
    private readonly Socket? _boundOnly;
    private readonly ConcurrentBag<TcpClient> _accepted = [];
    private readonly CancellationTokenSource _stop = new();

    private DeadEndpoint(string kind)
    {
        if (kind == "refusing")
        {
            // Bound and held, never listening: the kernel refuses every connection to it, and
            // no other process can take the port while this endpoint lives (a port that was
            // merely free a moment ago could be bound by anyone in between).
            _boundOnly = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _boundOnly.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_boundOnly.LocalEndPoint!).Port}/");
            return;
        }

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        _listener = listener;
        _ = AcceptForeverAsync();
    }

    /// <summary>http://127.0.0.1:PORT/.</summary>
    public Uri Url { get; }

    /// <summary>Starts an endpoint of <paramref name="kind"/> (<c>refusing</c> or <c>silent</c>).</summary>
    public static DeadEndpoint Start(string kind) => kind is "refusing" or "silent" ? new DeadEndpoint(kind) : throw new ArgumentException("refusing or silent", nameof(kind));

    /// <summary>Subscription settings with every AWS call sent here (and the env credentials the SDK's default chain reads), loaded from <see cref="Environment_"/>.</summary>
    public SubscriptionSettings Settings()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        return SubscriptionSettings.Load(new DictionaryEnvironmentVariables(Environment_()));
    }

    /// <summary>The subscription variables (by the catalogue's names), for functions that load their own settings.</summary>
    public Dictionary<string, string> Environment_() => new()
    {
        [Catalogue.AwsRegion.Name] = "us-east-1",
        [Catalogue.AwsEndpointUrl.Name] = Url.ToString(),
        [Catalogue.SesContactListName.Name] = "dn-contacts",
        [Catalogue.TokenKeysTable.Name] = "token-keys",
        [Catalogue.AuditTable.Name] = "audit",
        [Catalogue.ContactLeaseTable.Name] = "contact-leases",
        [Catalogue.PiiHashKey.Name] = Convert.ToBase64String(new byte[32]),
    };

    public void Dispose()
    {
        _stop.Cancel();
        _listener?.Stop();
        _boundOnly?.Dispose();
        foreach (var client in _accepted)
        {
            client.Dispose();
        }

        _stop.Dispose();
    }

    private async Task AcceptForeverAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                // Held open, never read from or written to.
                _accepted.Add(await _listener!.AcceptTcpClientAsync(_stop.Token));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
