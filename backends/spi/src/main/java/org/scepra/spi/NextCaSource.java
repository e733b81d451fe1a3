package org.scepra.spi;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Optional: what a backend knows about its CA's rollover (RFC 8894 §2.2, §4.7). GetNextCACert and
 * the {@code GetNextCACert} capability are served from {@link #nextCa}; a backend without this
 * interface, or with nothing announced, answers GetNextCACert with 404.
 */
public interface NextCaSource {

  /**
   * The CA certificate(s) that take over when the current CA hands over, while that is still ahead;
   * empty when none is announced. May throw if the CA is unavailable.
   */
  Optional<NextCa> nextCa(String endpointAlias);

  /**
   * CA certificates of earlier generations that still stand behind the certificates they issued
   * (unexpired, newest first): their certificates stay valid and renewable after a rollover.
   */
  default List<X509Certificate> previousCaCertificates(String endpointAlias) {
    return List.of();
  }
}
