package org.scepra.spi;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The CA that takes over after a rollover, as GetNextCACert announces it.
 *
 * @param certificates the next CA certificate first, then any link certificates (old and new key
 *     certifying each other) that let devices chain the old and the new
 * @param activateAt when issuance switches to it
 * @param currentCaSigner the current CA's signing key, when the backend can sign with it; RFC 8894
 *     §4.7.1 wants the answer signed by it, and without it only the RA signs
 */
public record NextCa(
    List<X509Certificate> certificates, Instant activateAt, Optional<CaSigner> currentCaSigner) {

  public NextCa {
    certificates = List.copyOf(certificates);
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("a next CA needs its certificate");
    }
    Objects.requireNonNull(activateAt, "activateAt");
    Objects.requireNonNull(currentCaSigner, "currentCaSigner");
  }
}
