package org.scepra.web.scep;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes an answer's body with the Servlet API's non-blocking output, so that the container finishes the exchange
 * on its I/O thread rather than on the request thread.
 *
 * <p>Why: on WildFly (Undertow) a request thread that finishes a keep-alive exchange re-arms the connection under
 * a flag that the I/O thread spins on. A client that sends its next request at once often wakes the I/O thread
 * inside that window, and on a busy machine the I/O thread spun until the preempted request thread got the CPU
 * back: 15 % of the server's CPU in the enrollment benchmark on two cores (README, "Performance"). Finished on the
 * I/O thread, the exchange takes no such flag. Only PKIOperation answers go this way: for a request as short as
 * GetCACert, handing the answer back to the I/O thread cost more than the spin it saves (38,700 against 48,600
 * GetCACert/s). Containers without non-blocking output, and HEAD (whose body is dropped), write as before.
 */
final class BodyWriter implements WriteListener {
  private static final Logger LOG = Logger.getLogger(BodyWriter.class.getName());

  private final AsyncContext async;
  private final ServletOutputStream out;
  private final byte[] body;
  private boolean written;

  BodyWriter(AsyncContext async, ServletOutputStream out, byte[] body) {
    this.async = async;
    this.out = out;
    this.body = body;
  }

  /** Writes {@code body} as the whole response body; status and headers must already be set. */
  static void send(HttpServletRequest request, HttpServletResponse response, byte[] body) throws IOException {
    if (!request.isAsyncSupported() || request.isAsyncStarted() || "HEAD".equals(request.getMethod())) {
      response.getOutputStream().write(body);
      return;
    }
    AsyncContext async = request.startAsync();
    ServletOutputStream out = response.getOutputStream();
    out.setWriteListener(new BodyWriter(async, out, body));
  }

  @Override
  public void onWritePossible() throws IOException {
    if (!written) {
      written = true;
      out.write(body);
    }
    // Not ready: the container keeps what it could not send yet and calls again once it has gone out.
    if (out.isReady()) {
      async.complete();
    }
  }

  @Override
  public void onError(Throwable failure) {
    // The client went away or the connection broke: nothing to answer, nothing of scepra's state depends on it.
    LOG.log(Level.FINE, "SCEP answer not delivered", failure);
    async.complete();
  }
}
