package org.scepra.backend.filedrop;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import org.scepra.spi.BackendHealth;

/** An endpoint's queue as readiness checks see it: usable folders and a readable, current CA. */
final class QueueHealth {

  private QueueHealth() {}

  /** Never throws: every problem becomes DOWN with a reason an operator can act on. */
  static BackendHealth of(QueueFolders folders, CaCertificates ca, Instant now) {
    Optional<String> problem = folders.problem();
    if (problem.isPresent()) {
      return BackendHealth.down(problem.get());
    }
    X509Certificate issuer;
    try {
      issuer = ca.chain().get(0);
    } catch (IllegalStateException e) {
      return BackendHealth.down(e.getMessage());
    }
    Instant notAfter = issuer.getNotAfter().toInstant();
    String name = "CA " + issuer.getSubjectX500Principal().getName();
    // Answers from an expired CA would all fail their check; say so before devices find out.
    if (now.isAfter(notAfter)) {
      return BackendHealth.down("file-drop " + name + " expired on " + notAfter);
    }
    return BackendHealth.up(
        "file-drop queue "
            + folders.outbox().path()
            + " -> "
            + folders.inbox().path()
            + ", "
            + name
            + " valid until "
            + notAfter);
  }
}
