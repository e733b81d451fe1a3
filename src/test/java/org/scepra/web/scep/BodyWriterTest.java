package org.scepra.web.scep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A CertRep's body goes out whole, exactly once, and the exchange is completed only after it has gone out. */
class BodyWriterTest {
  static final byte[] BODY = "a CertRep".getBytes(StandardCharsets.UTF_8);

  /** A non-blocking output stream whose readiness the test sets, as a container's would change. */
  static final class Output extends ServletOutputStream {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    boolean ready = true;
    boolean fillsUp;
    WriteListener listener;

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void setWriteListener(WriteListener writeListener) {
      listener = writeListener;
    }

    @Override
    public void write(int b) {
      written.write(b);
      ready = !fillsUp;
    }
  }

  /** Counts AsyncContext.complete(); nothing else of it is used. */
  static final class Completion {
    int count;

    AsyncContext context() {
      return (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AsyncContext.class},
          (proxy, method, args) -> {
            if (method.getName().equals("complete")) {
              count++;
              return null;
            }
            throw new UnsupportedOperationException(method.getName());
          });
    }
  }

  static HttpServletRequest request(String method, boolean asyncSupported, Completion completion, int[] starts) {
    return (HttpServletRequest) Proxy.newProxyInstance(BodyWriterTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
          case "getMethod" -> method;
          case "isAsyncSupported" -> asyncSupported;
          case "isAsyncStarted" -> starts[0] > 0;
          case "startAsync" -> {
            starts[0]++;
            yield completion.context();
          }
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }

  static HttpServletResponse response(Output output) {
    return (HttpServletResponse) Proxy.newProxyInstance(BodyWriterTest.class.getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
          if (m.getName().equals("getOutputStream")) {
            return output;
          }
          throw new UnsupportedOperationException(m.getName());
        });
  }

  @Test
  void writesOnlyWhenTheContainerSaysItCanAndThenCompletes() throws IOException {
    Output output = new Output();
    Completion completion = new Completion();
    int[] starts = {0};

    BodyWriter.send(request("POST", true, completion, starts), response(output), BODY);
    assertEquals(1, starts[0], "the answer goes out asynchronously");
    assertNotNull(output.listener);
    assertEquals(0, output.written.size(), "nothing is written before the container calls back");
    assertEquals(0, completion.count);

    output.listener.onWritePossible();
    assertArrayEquals(BODY, output.written.toByteArray());
    assertEquals(1, completion.count);
  }

  @Test
  void waitsForAnAnswerThatDidNotGoOutAtOnce() throws IOException {
    Output output = new Output();
    output.fillsUp = true;
    Completion completion = new Completion();
    BodyWriter writer = new BodyWriter(completion.context(), output, BODY);

    writer.onWritePossible();
    assertEquals(0, completion.count, "still sending: the exchange must not be completed yet");

    output.ready = true; // the rest has gone out; the container calls again
    writer.onWritePossible();
    assertArrayEquals(BODY, output.written.toByteArray(), "the body is written once");
    assertEquals(1, completion.count);
  }

  @Test
  void aBrokenConnectionStillEndsTheExchange() {
    Completion completion = new Completion();
    new BodyWriter(completion.context(), new Output(), BODY).onError(new IOException("connection reset"));
    assertEquals(1, completion.count);
  }

  @Test
  void headAndContainersWithoutAsyncWriteAsBefore() throws IOException {
    for (HttpServletRequest request : new HttpServletRequest[] {
        request("HEAD", true, new Completion(), new int[] {0}), request("POST", false, new Completion(), new int[] {0})}) {
      Output output = new Output();
      BodyWriter.send(request, response(output), BODY);
      assertNull(output.listener);
      assertArrayEquals(BODY, output.written.toByteArray());
    }
  }
}
