package org.scepra.backend.internalca;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One key and certificate in the internal CA's history: generation 1 is the CA first created, each
 * rollover adds the next, which issues from {@code activateAt} on.
 *
 * @param number 1, 2, ...
 * @param identity its key and self-signed certificate
 * @param activateAt when it takes over issuance ({@link Instant#EPOCH} for generation 1)
 * @param links the link certificates made at its rollover: its key certified by the previous
 *     generation's, then the previous key certified by its own (empty for generation 1)
 * @param directory where its revocation list and CRL number live
 */
record CaGeneration(
    int number, CaIdentity identity, Instant activateAt, List<X509Certificate> links, Path directory) {

  CaGeneration {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(activateAt, "activateAt");
    links = List.copyOf(links);
    Objects.requireNonNull(directory, "directory");
  }

  X509Certificate certificate() {
    return identity.certificate();
  }

  boolean expiredAt(Instant now) {
    return !now.isBefore(certificate().getNotAfter().toInstant());
  }
}
