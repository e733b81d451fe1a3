package org.scepra.ra.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.scepra.ra.admin.Revocations;
import org.scepra.ra.transaction.CertificateRepository;
import org.scepra.ra.transaction.IssuedCertificate;

/** Finds issued certificates for operators: by serial, by subject prefix, by endpoint. */
@ApplicationScoped
public class CertificateSearch {
  static final int LIMIT = 100;

  private CertificateRepository certificates;
  private Revocations revocations;

  /** For the CDI proxy only. */
  protected CertificateSearch() {}

  @Inject
  public CertificateSearch(CertificateRepository certificates, Revocations revocations) {
    this.certificates = certificates;
    this.revocations = revocations;
  }

  /**
   * A serial (hex) wins over the other criteria; a subject prefix without an attribute name ({@code it-4}) is taken
   * as a CN ({@code CN=it-4}). Nothing given: nothing found.
   */
  public List<IssuedCertificate> find(String serial, String subjectPrefix, String alias) {
    if (present(serial)) {
      return revocations.find(serial.strip());
    }
    Optional<String> prefix = Optional.ofNullable(present(subjectPrefix) ? subjectPrefix.strip() : null)
        .map(p -> p.contains("=") ? p : "CN=" + p);
    Optional<String> endpoint = Optional.ofNullable(present(alias) ? alias.strip() : null);
    if (prefix.isEmpty() && endpoint.isEmpty()) {
      return List.of();
    }
    return certificates.search(prefix, endpoint, LIMIT);
  }

  /** The certificate with exactly this issuer fingerprint and serial, for its detail page and PEM. */
  public Optional<IssuedCertificate> one(String issuerFingerprint, String serialHex) {
    return certificates.find(issuerFingerprint, serialHex);
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
