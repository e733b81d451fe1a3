package org.scepra.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.scepra.ra.transaction.CertificateRepository;
import org.scepra.ra.transaction.IssuedCertificate;

/** JPA implementation of the issued-certificate register. */
@ApplicationScoped
@UsesSchema
@Transactional
public class JpaCertificateRepository implements CertificateRepository {

  private EntityManager em;

  /** For the CDI proxy only. */
  protected JpaCertificateRepository() {}

  @Inject
  public JpaCertificateRepository(EntityManager em) {
    this.em = em;
  }

  @Override
  public Optional<IssuedCertificate> find(String issuerFingerprint, String serialHex) {
    return entity(issuerFingerprint, serialHex).map(CertificateMapping::toRecord);
  }

  @Override
  public List<IssuedCertificate> findBySerial(String serialHex) {
    return em.createQuery("SELECT c FROM CertificateEntity c WHERE c.serialHex = :serial", CertificateEntity.class)
        .setParameter("serial", serialHex).setMaxResults(10).getResultStream()
        .map(CertificateMapping::toRecord).toList();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<IssuedCertificate> search(Optional<String> subjectPrefix, Optional<String> alias, int limit) {
    if (subjectPrefix.isEmpty() && alias.isEmpty()) {
      throw new IllegalArgumentException("search by subject prefix or endpoint");
    }
    String where = subjectPrefix.map(p -> "c.subject LIKE :prefix ESCAPE '!'").orElse("")
        + (subjectPrefix.isPresent() && alias.isPresent() ? " AND " : "") + alias.map(a -> "c.alias = :alias").orElse("");
    var query = em.createQuery("SELECT c FROM CertificateEntity c WHERE " + where + " ORDER BY c.notBefore DESC",
        CertificateEntity.class);
    subjectPrefix.ifPresent(p -> query.setParameter("prefix", p.replaceAll("([!%_])", "!$1") + "%"));
    alias.ifPresent(a -> query.setParameter("alias", a));
    return query.setMaxResults(limit).getResultStream().map(CertificateMapping::toRecord).toList();
  }

  @Override
  public void markRevoked(String issuerFingerprint, String serialHex, Instant revokedAt, int reason) {
    entity(issuerFingerprint, serialHex).ifPresent(c -> {
      c.revoked = true;
      c.revokedAt = revokedAt.toEpochMilli();
      c.revocationReason = reason;
    });
  }

  private Optional<CertificateEntity> entity(String issuerFingerprint, String serialHex) {
    return em.createQuery("SELECT c FROM CertificateEntity c WHERE c.issuerFingerprint = :issuer AND c.serialHex = :serial",
            CertificateEntity.class)
        .setParameter("issuer", issuerFingerprint).setParameter("serial", serialHex).getResultStream().findFirst();
  }
}
