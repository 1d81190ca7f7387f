using System.Net;
using System.Net.Sockets;

namespace CrmMail.Tests.Shared;

/// <summary>
/// An <see cref="HttpListener"/> on a free loopback port. HttpListener cannot bind port 0, so
/// a candidate port is chosen and the listener itself binds it; if another process took the
/// port in between, the bind fails and another port is tried (the listener that serves is the
/// one that bound, so no test ever talks to a stranger on a port it probed earlier).
/// </summary>
internal static class LoopbackHttpListener
{
    public static HttpListener Start(out Uri baseUrl)
    {
        for (var attempt = 0; ; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                baseUrl = new Uri($"http://127.0.0.1:{port}/");
                return listener;
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                // Taken between the probe and the bind: try another port.
                listener.Close();
            }
        }
    }
}
