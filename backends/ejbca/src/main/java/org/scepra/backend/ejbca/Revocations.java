package org.scepra.backend.ejbca;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.scepra.spi.CertificateRevoker.Outcome;
import org.scepra.spi.CertificateRevoker.Reason;

/**
 * revokeCert by issuer DN and hex serial. The DN is written the way BouncyCastle (and so EJBCA)
 * names attributes, rather than RFC 2253, which turns less common attributes into OIDs.
 */
final class Revocations {

  private static final String ALREADY_REVOKED_CODE = "ALREADY_REVOKED";

  private Revocations() {}

  static Outcome revoke(EjbcaEndpoint endpoint, X509Certificate certificate, Reason reason) {
    String issuer = X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()).toString();
    String serial = certificate.getSerialNumber().toString(16);
    try {
      endpoint.calls().revokeCert(issuer, serial, reason.code());
      EjbcaLog.info("EJBCA endpoint {0}: revoked serial {1} of {2} ({3})", endpoint.alias(), serial, issuer, reason);
      return Outcome.REVOKED;
    } catch (EjbcaCallException e) {
      EjbcaLog.failed(endpoint.alias(), "-", e);
      if (e.isFault(EjbcaFault.ALREADY_REVOKED)
          || e.fault().map(f -> f.errorCode().equals(ALREADY_REVOKED_CODE)).orElse(false)) {
        return Outcome.ALREADY_REVOKED;
      }
      // an issuer EJBCA does not have cannot have issued the certificate either
      if (e.isFault(EjbcaFault.NOT_FOUND) || e.isFault(EjbcaFault.CA_DOESNT_EXIST)) {
        return Outcome.UNKNOWN_CERTIFICATE;
      }
      if (e.isFault(EjbcaFault.WAITING_FOR_APPROVAL)) {
        return Outcome.WAITING_FOR_APPROVAL;
      }
      return Outcome.FAILED;
    }
  }
}
