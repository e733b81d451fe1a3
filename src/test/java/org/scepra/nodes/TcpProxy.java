package org.scepra.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 between a server and its database, to take the database away and give it back while the
 * server runs: {@link #cut()} resets every open connection and refuses new ones (what a crashed or restarted
 * database looks like to a client); {@link #restore()} accepts again.
 */
public final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final int port;
  private volatile ServerSocket listener;
  private volatile boolean closed;

  private TcpProxy(int port, InetSocketAddress target) {
    this.port = port;
    this.target = target;
  }

  /** Relays 127.0.0.1:(a free port) to {@code targetPort} on 127.0.0.1. */
  public static TcpProxy start(int targetPort) throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    TcpProxy proxy = new TcpProxy(port, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
    proxy.restore();
    return proxy;
  }

  public int port() {
    return port;
  }

  /** The database goes away: open connections are reset, new ones refused (nothing listens on the port). */
  public synchronized void cut() throws IOException {
    ServerSocket current = listener;
    listener = null;
    if (current != null) {
      current.close();
    }
    for (Socket socket : open) {
      try {
        socket.setSoLinger(true, 0); // RST, as from a database host that went down
      } catch (IOException ignored) {
        // already closed
      }
      closeQuietly(socket);
    }
    open.clear();
  }

  /** The database is back. */
  public synchronized void restore() throws IOException {
    if (listener != null || closed) {
      return;
    }
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    listener = server;
    Thread acceptor = new Thread(() -> accept(server), "tcp-proxy-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        try {
          upstream.connect(target, 5000);
        } catch (IOException e) {
          closeQuietly(client);
          continue;
        }
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        return; // listener closed by cut() or close()
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException ignored) {
        // either side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    cut();
  }
}
