package org.scepra.web.scep;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes SCEP answers: binary with their content type, or a short plain-text status. */
final class ScepResponses {
  static final String CA_RA_CERT = "application/x-x509-ca-ra-cert";
  static final String NEXT_CA_CERT = "application/x-x509-next-ca-cert";
  static final long DEFAULT_RETRY_AFTER_SECONDS = 60;
  private static final String PKI_MESSAGE = "application/x-pki-message";

  private final HttpServletRequest request;
  private final HttpServletResponse response;

  ScepResponses(HttpServletRequest request, HttpServletResponse response) {
    this.request = request;
    this.response = response;
  }

  void binary(String contentType, byte[] body) throws IOException {
    ok(contentType, body.length);
    response.getOutputStream().write(body);
  }

  /** A PKIOperation's answer (a CertRep), written without blocking: see {@link BodyWriter} for why. */
  void pkiMessage(byte[] body) throws IOException {
    ok(PKI_MESSAGE, body.length);
    BodyWriter.send(request, response, body);
  }

  private void ok(String contentType, int length) {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(contentType);
    response.setContentLength(length);
  }

  void text(String body) throws IOException {
    plain(HttpServletResponse.SC_OK, body);
  }

  /** 503 with a Retry-After, for a CA or an endpoint that is down for now. */
  void unavailable(String body, long retryAfterSeconds) throws IOException {
    response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
    plain(HttpServletResponse.SC_SERVICE_UNAVAILABLE, body);
  }

  /**
   * A plain-text refusal sent at once, asking the client to close: for a request whose body is
   * left unread, so that the container does not first drain the rest (it would read a chunked body
   * up to its own post-size limit and then drop the connection without this answer).
   */
  void refuseUnread(int status, String body) throws IOException {
    response.setHeader("Connection", "close");
    plain(status, body);
    response.flushBuffer();
  }

  /** A plain-text answer; the text must never carry request data or secrets. */
  void plain(int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/plain;charset=UTF-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
