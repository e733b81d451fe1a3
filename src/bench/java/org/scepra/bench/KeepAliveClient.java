package org.scepra.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection (keep-alive), used by one load thread. Deliberately minimal,
 * so the load generator costs little CPU on the machine it shares with the servers: POST or GET,
 * Content-Length or chunked answers, reconnects only when the server closes.
 */
final class KeepAliveClient implements AutoCloseable {

  record Response(int status, byte[] body) {}

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveClient(URI base) {
    this.host = base.getHost();
    this.port = base.getPort();
  }

  Response post(String pathAndQuery, String contentType, byte[] body) throws IOException {
    String head = "POST " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: "
        + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n";
    return exchange(head.getBytes(StandardCharsets.US_ASCII), body);
  }

  Response get(String pathAndQuery) throws IOException {
    String head = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n";
    return exchange(head.getBytes(StandardCharsets.US_ASCII), new byte[0]);
  }

  private Response exchange(byte[] head, byte[] body) throws IOException {
    if (socket == null) {
      connect();
    }
    out.write(head);
    out.write(body);
    out.flush();
    return read();
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5000);
    socket.setSoTimeout(120_000);
    in = new BufferedInputStream(socket.getInputStream(), 16384);
    out = socket.getOutputStream();
  }

  private Response read() throws IOException {
    String statusLine = line();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    int length = -1;
    boolean chunked = false;
    boolean close = parts[0].equals("HTTP/1.0");
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = Integer.parseInt(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
        default -> { }
      }
    }
    byte[] body = chunked ? chunkedBody() : length >= 0 ? in.readNBytes(length) : in.readAllBytes();
    if (close || (!chunked && length < 0)) {
      close();
    }
    return new Response(status, body);
  }

  private byte[] chunkedBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
          // trailers are ignored
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(n));
      line();
    }
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed by the server");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException e) {
      // nothing to do
    }
    socket = null;
  }
}
