package org.scepra.web.scep;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;

/** Reads a POSTed pkiMessage, refusing oversized bodies before reading them whole. */
final class RequestBody {
  /** 2 MiB, as micromdm and step-ca cap it; real requests are a few KiB. */
  static final int LIMIT = 2 * 1024 * 1024;

  private RequestBody() {}

  /** The body, or empty if it is larger than {@link #LIMIT}. */
  static Optional<byte[]> read(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > LIMIT) {
      return Optional.empty();
    }
    // Deliberately not closed: the container owns the stream, and Undertow's close() reads (drains)
    // whatever the client still sends, which is exactly what the cap is there to avoid.
    byte[] body = request.getInputStream().readNBytes(LIMIT + 1);
    return body.length > LIMIT ? Optional.empty() : Optional.of(body);
  }
}
