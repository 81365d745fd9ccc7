using System.Net;
using System.Net.Sockets;

namespace Liyaqa.Operations.Tests.Infrastructure;

public static class LoopbackPort
{
    /// <summary>A TCP port free on 127.0.0.1 just now, for a server the test starts.</summary>
    public static int Free()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
