package org.scepra.ra.challenge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.scepra.ra.admin.AdminResult;
import org.scepra.ra.audit.AuditEvent;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.Endpoints;

/**
 * The mscep_admin equivalent: an authenticated operator (or an MDM's service account) asks for a
 * one-time challenge for an endpoint and gets it with the CA certificate's thumbprints, which MDM
 * profiles pin.
 */
@ApplicationScoped
public class ChallengeIssuance {

  private OneTimeChallenges challenges;
  private Endpoints endpoints;
  private AuditLog audit;

  /** For the CDI proxy only. */
  protected ChallengeIssuance() {}

  @Inject
  public ChallengeIssuance(OneTimeChallenges challenges, Endpoints endpoints, AuditLog audit) {
    this.challenges = challenges;
    this.endpoints = endpoints;
    this.audit = audit;
  }

  /** A challenge for the device, and what to pin. */
  public record Issued(String challenge, java.time.Instant expiresAt, String caThumbprintSha1,
      String caThumbprintSha256) {
    @Override
    public String toString() {
      return "Issued[expiresAt=" + expiresAt + "]";
    }
  }

  public sealed interface Result {}

  public record Minted(Issued issued) implements Result {}

  public record Refused(AdminResult reason) implements Result {}

  public Result mint(String alias, String operator, Optional<String> expectedSubject, Optional<String> expectedSan) {
    Optional<Endpoint> endpoint = endpoints.find(alias);
    if (endpoint.isEmpty() || !endpoint.get().settings().authorization().oneTimeChallenges()) {
      return refuse(operator, alias, AdminResult.of(AdminResult.Kind.NOT_FOUND,
          "no endpoint with one-time challenges named " + alias));
    }
    Optional<OneTimeChallenges.Minted> minted = challenges.mint(alias, operator,
        endpoint.get().settings().authorization().oneTimeValidity(), expectedSubject, expectedSan);
    if (minted.isEmpty()) {
      return refuse(operator, alias, AdminResult.of(AdminResult.Kind.CONFLICT,
          "too many outstanding challenges for this operator"));
    }
    List<X509Certificate> chain = endpoint.get().backend().caChain(alias);
    X509Certificate root = chain.get(chain.size() - 1);
    audit.record(AuditEvent.admin("mintChallenge", operator, alias, null, expectedSubject.orElse(null), "DONE",
        "expires " + minted.get().expiresAt(), null));
    return new Minted(new Issued(minted.get().challenge(), minted.get().expiresAt(), thumbprint("SHA-1", root),
        thumbprint("SHA-256", root)));
  }

  private Result refuse(String operator, String alias, AdminResult reason) {
    audit.record(AuditEvent.admin("mintChallenge", operator, alias, null, null, reason.kind().name(), reason.detail(),
        null));
    return new Refused(reason);
  }

  private static String thumbprint(String algorithm, X509Certificate certificate) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
