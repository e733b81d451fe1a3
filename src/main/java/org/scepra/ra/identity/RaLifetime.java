package org.scepra.ra.identity;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Where an RA identity stands in its certificates' lifetime: valid, due for renewal ({@code ra.renew-before-days}
 * before the first of its two certificates expires), or expired. An expired RA certificate is never served: clients
 * refuse CertReps signed with it, and some encrypt to it without checking.
 */
public final class RaLifetime {

  /** The lifetime status of an identity at one instant. */
  public sealed interface Status permits Valid, RenewalDue, Expired {
    /** The certificate that expires first, named for operators. */
    String certificate();

    /** When it expires (or expired). */
    Instant notAfter();
  }

  /** Both certificates are valid beyond the renewal window. */
  public record Valid(String certificate, Instant notAfter) implements Status {}

  /** Valid, but the first to expire does so within the renewal window. */
  public record RenewalDue(String certificate, Instant notAfter) implements Status {}

  /** One of the two certificates has expired (or is not valid yet). */
  public record Expired(String certificate, Instant notAfter) implements Status {}

  private RaLifetime() {}

  public static Status of(RaIdentity identity, Instant now, Duration renewBefore) {
    record Named(String name, X509Certificate certificate) {}
    List<Named> both = List.of(new Named(name("signing", identity.signingCertificate()),
        identity.signingCertificate()), new Named(name("encryption", identity.encryptionCertificate()),
        identity.encryptionCertificate()));
    for (Named named : both) {
      if (now.isBefore(named.certificate().getNotBefore().toInstant())) {
        return new Expired(named.name() + " is not valid before " + named.certificate().getNotBefore().toInstant(),
            named.certificate().getNotAfter().toInstant());
      }
    }
    Named first = both.stream().min(Comparator.comparing(n -> n.certificate().getNotAfter())).orElseThrow();
    Instant notAfter = first.certificate().getNotAfter().toInstant();
    if (!now.isBefore(notAfter)) {
      return new Expired(first.name(), notAfter);
    }
    // A CA that issues RA certificates for less than the window would have them renewed at every look: such
    // certificates are renewed when two thirds of their lifetime have passed.
    Duration lifetime = Duration.between(first.certificate().getNotBefore().toInstant(), notAfter);
    Duration window = renewBefore.compareTo(lifetime.dividedBy(3)) > 0 ? lifetime.dividedBy(3) : renewBefore;
    if (!now.isBefore(notAfter.minus(window))) {
      return new RenewalDue(first.name(), notAfter);
    }
    return new Valid(first.name(), notAfter);
  }

  /** Why an endpoint with this identity does not serve: which certificate, and since when. */
  public static String expiredReason(Expired expired) {
    return expired.certificate().contains(" is not valid before ") ? expired.certificate()
        : expired.certificate() + " expired at " + expired.notAfter();
  }

  /** Both certificates of an identity, for audit lines and logs. */
  public static String name(RaIdentity identity) {
    return "signing serial " + identity.signingCertificate().getSerialNumber().toString(16) + " until "
        + identity.signingCertificate().getNotAfter().toInstant() + ", encryption serial "
        + identity.encryptionCertificate().getSerialNumber().toString(16) + " until "
        + identity.encryptionCertificate().getNotAfter().toInstant();
  }

  static String name(String role, X509Certificate certificate) {
    return "the RA " + role + " certificate (" + certificate.getSubjectX500Principal().getName() + ", serial "
        + certificate.getSerialNumber().toString(16) + ")";
  }
}
