package org.scepra.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;

/**
 * Warms the bench's own HTTP client before it times a server's first answers: a fresh client JVM spent 30-45 ms
 * on its own first GET (connect, sockets, parsing), which the first-enrollment figure then blamed on the server
 * (curl, right before, had the same server answer in 10 ms). The client runs GETs and POSTs of the real sizes
 * on new and kept connections against a loopback server of its own, so no request reaches the server measured.
 */
final class ClientWarmUp {

  private ClientWarmUp() {}

  /** {@code rounds} exchanges of each kind; answers are chunked for GET and Content-Length for POST. */
  static void run(int rounds, int requestBytes, int answerBytes) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    byte[] answer = new byte[answerBytes];
    Arrays.fill(answer, (byte) 0x30);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      boolean get = "GET".equals(exchange.getRequestMethod());
      exchange.getResponseHeaders().set("Content-Type", "application/x-pki-message");
      exchange.sendResponseHeaders(200, get ? 0 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      byte[] body = new byte[requestBytes];
      for (int i = 0; i < rounds; i++) {
        try (KeepAliveClient client = new KeepAliveClient(base)) { // a new connection, as a new device makes
          check(client.get("/scep?operation=GetCACert"), answerBytes);
          check(client.post("/scep?operation=PKIOperation", "application/x-pki-message", body), answerBytes);
          check(client.post("/scep?operation=PKIOperation", "application/x-pki-message", body), answerBytes);
        }
      }
    } finally {
      server.stop(0);
    }
  }

  private static void check(KeepAliveClient.Response response, int answerBytes) throws IOException {
    if (response.status() != 200 || response.body().length != answerBytes) {
      throw new IOException("the client's warm-up server answered " + response.status());
    }
  }
}
