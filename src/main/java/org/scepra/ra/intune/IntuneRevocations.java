package org.scepra.ra.intune;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.Endpoints;
import org.scepra.ra.transaction.CertificateRepository;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.spi.CaBackend;
import org.scepra.spi.CertificateRevoker;

/**
 * Carries out the revocations Intune queued for one endpoint's tenant (devices retired or wiped): each named
 * certificate that scepra issued is revoked through the backend of the endpoint that issued it, and every request
 * is answered, success or failure, with Intune's error codes.
 */
@ApplicationScoped
public class IntuneRevocations {
  /** Requests read per round. */
  static final int BATCH = 100;
  /** Intune names no reason; a retired or wiped device no longer needs its certificate. */
  static final CertificateRevoker.Reason REASON = CertificateRevoker.Reason.CESSATION_OF_OPERATION;

  private CertificateRepository certificates;
  private Function<String, Optional<CaBackend>> backends;
  private IntuneAudit audit;

  /** For the CDI proxy only. */
  protected IntuneRevocations() {}

  @Inject
  public IntuneRevocations(CertificateRepository certificates, Endpoints endpoints, IntuneAudit audit) {
    this(certificates, alias -> endpoints.find(alias).map(Endpoint::backend), audit);
  }

  /** @param backends each endpoint's backend, by alias */
  IntuneRevocations(CertificateRepository certificates, Function<String, Optional<CaBackend>> backends,
      IntuneAudit audit) {
    this.certificates = certificates;
    this.backends = backends;
    this.audit = audit;
  }

  /** One round: download, revoke, upload. @return how many requests were answered */
  int process(IntuneClient client) throws IntuneCallException {
    RevocationQueue queue = new RevocationQueue(client);
    List<RevocationQueue.Request> requests = queue.download(BATCH);
    List<RevocationQueue.Result> results = new ArrayList<>();
    for (RevocationQueue.Request request : requests) {
      RevocationQueue.Result result = revoke(request);
      audit.revocation(client.settings().alias(), request.requestContext(), request.serialNumber(),
          result.succeeded(), result.errorCode(), result.errorMessage());
      results.add(result);
    }
    if (!results.isEmpty()) {
      queue.upload(results);
    }
    return results.size();
  }

  RevocationQueue.Result revoke(RevocationQueue.Request request) {
    String context = request.requestContext();
    Optional<String> serial = serialHex(request.serialNumber());
    if (serial.isEmpty()) {
      return failure(context, RevocationQueue.PARAMETER_DATA_INVALID, "the serial number is not hexadecimal");
    }
    Optional<IssuedCertificate> found = certificates.findBySerial(serial.get()).stream()
        .filter(certificate -> sameIssuer(request.issuerName(), certificate.issuerDn())).findFirst();
    if (found.isEmpty()) {
      return failure(context, RevocationQueue.CERTIFICATE_NOT_FOUND, "scepra issued no certificate with this serial"
          + " number and issuer");
    }
    IssuedCertificate certificate = found.get();
    Optional<CaBackend> backend = backends.apply(certificate.alias());
    if (backend.isEmpty() || !(backend.get() instanceof CertificateRevoker revoker)) {
      return failure(context, RevocationQueue.NOT_SUPPORTED, "the certificate's CA backend cannot revoke");
    }
    CertificateRevoker.Outcome outcome;
    try {
      outcome = revoker.revoke(certificate.alias(), parse(certificate.der()), REASON);
    } catch (RuntimeException e) {
      outcome = CertificateRevoker.Outcome.FAILED;
    }
    return switch (outcome) {
      case REVOKED, ALREADY_REVOKED -> {
        certificates.markRevoked(certificate.issuerFingerprint(), certificate.serialHex(), Instant.now(),
            REASON.code());
        yield RevocationQueue.Result.success(context);
      }
      case UNKNOWN_CERTIFICATE -> failure(context, RevocationQueue.CERTIFICATE_NOT_FOUND,
          "the CA does not know this certificate");
      case WAITING_FOR_APPROVAL -> failure(context, RevocationQueue.RETRYABLE_SERVICE_EXCEPTION,
          "the CA queued the revocation for an approval");
      case FAILED -> failure(context, RevocationQueue.SERVICE_UNAVAILABLE, "the CA could not revoke it now");
    };
  }

  private static RevocationQueue.Result failure(String context, String code, String message) {
    return new RevocationQueue.Result(context, false, code, message);
  }

  /** Hex in any case, with or without leading zeros, spaces or colons. */
  static Optional<String> serialHex(String serial) {
    if (serial == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(IssuedCertificate.serialHex(new BigInteger(serial.replaceAll("[\\s:]", ""), 16)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** No issuer named matches any; a name matches in RFC 4514 order or reversed (as Windows writes it). */
  static boolean sameIssuer(String issuerName, String recordedDn) {
    if (issuerName == null || issuerName.isBlank()) {
      return true;
    }
    try {
      X500Name asked = new X500Name(issuerName);
      X500Name recorded = new X500Name(recordedDn);
      if (asked.equals(recorded)) {
        return true;
      }
      RDN[] reversed = asked.getRDNs().clone();
      java.util.Collections.reverse(Arrays.asList(reversed));
      return new X500Name(reversed).equals(recorded);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static X509Certificate parse(byte[] der) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalStateException("recorded certificate is unreadable", e);
    }
  }
}
