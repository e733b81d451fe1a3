package org.scepra.it;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NDES's challenge page as MDMs that integrate with NDES do (Fleet's NDES integration, for one): GET with HTTP
 * Basic, decode UTF-16 honouring a byte-order mark (big-endian without one), take the challenge with a
 * case-insensitive pattern, and recognise the refusals by their sentences.
 */
record NdesPage(int status, String contentType, String cacheControl, String authenticate, byte[] body) {
  static final Pattern CHALLENGE = Pattern.compile("The enrollment challenge password is: <B> (\\S*)",
      Pattern.CASE_INSENSITIVE);
  static final Pattern THUMBPRINT = Pattern.compile(
      "The thumbprint \\(hash value\\) for the CA certificate is: <B> (\\S*)", Pattern.CASE_INSENSITIVE);
  private static final HttpClient CLIENT = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

  static NdesPage get(URL base, String path, String user, String password) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Deployments.resolve(base, path)))
        .timeout(Duration.ofSeconds(60)).GET();
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new NdesPage(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Cache-Control").orElse(""),
          response.headers().firstValue("WWW-Authenticate").orElse(""), response.body());
    } catch (Exception e) {
      throw new AssertionError("GET " + path + " failed: " + e, e);
    }
  }

  /** The body as Fleet decodes it. */
  String text() {
    Charset charset = StandardCharsets.UTF_16BE;
    byte[] bytes = body;
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      charset = StandardCharsets.UTF_16LE;
      bytes = Arrays.copyOfRange(bytes, 2, bytes.length);
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
      bytes = Arrays.copyOfRange(bytes, 2, bytes.length);
    }
    return new String(bytes, charset);
  }

  Optional<String> challenge() {
    Matcher m = CHALLENGE.matcher(text());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  Optional<String> thumbprint() {
    Matcher m = THUMBPRINT.matcher(text());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  boolean startsWithLittleEndianBom() {
    return body.length >= 2 && (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xfe;
  }

  @Override
  public String toString() {
    return "NdesPage[status=" + status + ", type=" + contentType + "]";
  }
}
