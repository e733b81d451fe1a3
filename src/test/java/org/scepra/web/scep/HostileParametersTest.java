package org.scepra.web.scep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input catalogue at the HTTP-parsing level: query strings and POST bodies as hostile
 * or sloppy clients send them, and exactly what scepra makes of them. Nothing here may throw.
 */
class HostileParametersTest {
  static final byte[] BYTES = new byte[1000];

  static {
    new Random(9).nextBytes(BYTES);
  }

  static final String BASE64 = Base64.getEncoder().encodeToString(BYTES);

  /** The query string, then the operation and message scepra reads (null: absent). */
  static Stream<Arguments> queries() {
    return Stream.of(
        q("no query at all", null, null, null),
        q("empty query", "", null, null),
        q("only separators", "&&&=&", null, null),
        q("operation without '='", "operation", "", null),
        q("operation empty", "operation=", "", null),
        q("operation twice: the first counts", "operation=GetCACaps&operation=PKIOperation", "GetCACaps", null),
        q("parameter names are case-sensitive", "OPERATION=GetCACaps", null, null),
        q("escaped operation name", "%6Fperation=GetCACert", "GetCACert", null),
        q("lone '%'", "operation=%", "%", null),
        q("'%' at the end", "operation=GetCACaps%", "GetCACaps%", null),
        q("truncated escape", "operation=GetCACaps%4", "GetCACaps%4", null),
        q("non-hex escape", "operation=%G1%ZZ", "%G1%ZZ", null),
        q("NUL escaped", "operation=Get%00CACaps", "Get\0CACaps", null),
        q("invalid UTF-8 escaped", "operation=%C3%28", "\uFFFD(", null),
        q("'+' stays '+'", "operation=PKIOperation&message=a+b", "PKIOperation", "a+b"),
        q("%0A line breaks decoded", "message=QUJD%0AREVG", null, "QUJD\nREVG"),
        q("message without value", "operation=PKIOperation&message", "PKIOperation", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void queryParsing(String name, String query, String operation, String message) {
    QueryParameters parameters = QueryParameters.parse(query);
    assertEquals(Optional.ofNullable(operation), parameters.get("operation"), name);
    assertEquals(Optional.ofNullable(message), parameters.get("message"), name);
  }

  /** The message parameter after query decoding, and the bytes it must decode to (null: refused, HTTP 400). */
  static Stream<Arguments> messages() {
    return Stream.of(
        m("standard base64", BASE64, BYTES),
        m("'+' sent as space (iOS)", BASE64.replace('+', ' '), BYTES),
        m("%0A line breaks every 64 (Cisco, sscep)", Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(BYTES),
            BYTES),
        m("CRLF line breaks", Base64.getMimeEncoder().encodeToString(BYTES), BYTES),
        m("base64url", Base64.getUrlEncoder().encodeToString(BYTES), BYTES),
        m("no padding", Base64.getEncoder().withoutPadding().encodeToString(BYTES), BYTES),
        m("tabs inside", BASE64.substring(0, 8) + "\t" + BASE64.substring(8), BYTES),
        m("empty", "", null),
        m("only line breaks and tabs", "\r\n\t", null),
        m("one character", "A", null),
        m("only padding", "====", null),
        m("padding in the middle", BASE64.substring(0, 4) + "==" + BASE64.substring(4), null),
        m("not base64", "%%%!!!", null),
        m("non-ASCII", "Zm9v\u00e9", null),
        m("NUL inside", "Zm9v\0YmFy", null),
        m("1 MiB of base64", Base64.getEncoder().encodeToString(new byte[786_432]), new byte[786_432]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void messageDecoding(String name, String text, byte[] expected) {
    Optional<byte[]> decoded = MessageParameter.decode(text);
    if (expected == null) {
      assertTrue(decoded.isEmpty(), name + ": must be refused");
    } else {
      assertArrayEquals(expected, decoded.orElseThrow(), name);
    }
  }

  /** Content-Length as declared, bytes actually sent, whether the body is accepted. */
  static Stream<Arguments> bodies() {
    return Stream.of(
        b("empty body", 0, 0, true),
        b("a real-sized body", 4000, 4000, true),
        b("exactly 2 MiB", RequestBody.LIMIT, RequestBody.LIMIT, true),
        b("Content-Length over 2 MiB: refused unread", RequestBody.LIMIT + 1L, 0, false),
        b("Content-Length of 1 TiB: refused unread", 1L << 40, 0, false),
        b("chunked (no Content-Length), 2 MiB + 1", -1, RequestBody.LIMIT + 1, false),
        b("chunked (no Content-Length), small", -1, 100, true),
        b("Content-Length understated", 10, RequestBody.LIMIT + 1, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void bodyCap(String name, long contentLength, int sent, boolean accepted) throws IOException {
    CountingStream body = new CountingStream(sent);
    Optional<byte[]> read = RequestBody.read(request(contentLength, body));
    assertEquals(accepted, read.isPresent(), name);
    if (accepted) {
      assertEquals(sent, read.get().length, name);
    }
    assertTrue(body.consumed <= RequestBody.LIMIT + 1, name + ": read no further than the cap");
    if (contentLength > RequestBody.LIMIT) {
      assertEquals(0, body.consumed, name + ": refused before reading");
    }
  }

  static Arguments q(String name, String query, String operation, String message) {
    return Arguments.of(name, query, operation, message);
  }

  static Arguments m(String name, String text, byte[] expected) {
    return Arguments.of(name, text, expected);
  }

  static Arguments b(String name, long contentLength, int sent, boolean accepted) {
    return Arguments.of(name, contentLength, sent, accepted);
  }

  static HttpServletRequest request(long contentLength, ServletInputStream body) {
    return (HttpServletRequest) Proxy.newProxyInstance(HostileParametersTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getContentLengthLong" -> contentLength;
          case "getContentLength" -> (int) Math.min(Integer.MAX_VALUE, contentLength);
          case "getInputStream" -> body;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  /** A body of {@code size} zero bytes that counts what is read from it. */
  static final class CountingStream extends ServletInputStream {
    private int remaining;
    int consumed;

    CountingStream(int size) {
      this.remaining = size;
    }

    @Override
    public int read() {
      if (remaining == 0) {
        return -1;
      }
      remaining--;
      consumed++;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) {
        return -1;
      }
      int n = Math.min(len, remaining);
      remaining -= n;
      consumed += n;
      java.util.Arrays.fill(b, off, off + n, (byte) 0);
      return n;
    }

    @Override
    public boolean isFinished() {
      return remaining == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      throw new UnsupportedOperationException();
    }
  }
}
