package org.scepra.ra.enroll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.x500.X500Name;
import org.scepra.protocol.FailInfo;
import org.scepra.protocol.PkiRequest;
import org.scepra.protocol.ScepFailureException;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.transaction.CertificateRepository;
import org.scepra.ra.transaction.Fingerprints;
import org.scepra.ra.transaction.IssuedCertificate;
import org.scepra.spi.CrlSource;

/** GetCert (21) and GetCRL (22). */
@ApplicationScoped
public class Retrieval {

  private CertificateRepository certificates;
  private ScepOutcomes outcomes;

  /** For the CDI proxy only. */
  protected Retrieval() {}

  @Inject
  public Retrieval(CertificateRepository certificates, ScepOutcomes outcomes) {
    this.certificates = certificates;
    this.outcomes = outcomes;
  }

  /** The certificate scepra recorded for this issuer and serial, or FAILURE badCertId. */
  public byte[] getCert(Endpoint endpoint, PkiRequest request, IssuerAndSerialNumber wanted) throws ScepFailureException {
    Optional<IssuedCertificate> found = certificates.find(issuerFingerprint(wanted),
        IssuedCertificate.serialHex(wanted.getSerialNumber().getValue()));
    if (found.isEmpty()) {
      return outcomes.failure(endpoint, request.header(), null, null, FailInfo.BAD_CERT_ID,
          "no certificate with this issuer and serial number");
    }
    return outcomes.certificates(endpoint, request, found.get().subject(), null,
        List.of(TransactionReplies.parse(found.get().der())));
  }

  /**
   * The CRL of the issuer named in the request (RFC 8894 §3.3.4: the issuerAndSerialNumber of the certificate whose
   * status is asked about). A CA other than this endpoint's is badCertId rather than a CRL about something else.
   */
  public byte[] getCrl(Endpoint endpoint, PkiRequest request, IssuerAndSerialNumber wanted)
      throws ScepFailureException {
    if (!(endpoint.backend() instanceof CrlSource source)) {
      return outcomes.failure(endpoint, request.header(), null, null, FailInfo.BAD_REQUEST,
          "this endpoint's CA does not publish CRLs through SCEP");
    }
    Optional<X509CRL> crl;
    try {
      crl = source.currentCrl(endpoint.alias());
    } catch (RuntimeException e) {
      return outcomes.failure(endpoint, request.header(), null, null, FailInfo.BAD_REQUEST,
          "the CA is unavailable, try again later");
    }
    if (crl.isEmpty()) {
      return outcomes.failure(endpoint, request.header(), null, null, FailInfo.BAD_REQUEST, "no CRL is published");
    }
    X500Name crlIssuer = X500Name.getInstance(crl.get().getIssuerX500Principal().getEncoded());
    if (!crlIssuer.equals(wanted.getName())) {
      // After a CA rollover the previous CA still publishes the CRL of what it issued.
      try {
        crl = source.crlOf(endpoint.alias(), new X500Principal(wanted.getName().getEncoded(ASN1Encoding.DER)));
      } catch (IOException | RuntimeException e) {
        crl = Optional.empty();
      }
      if (crl.isEmpty()) {
        return outcomes.failure(endpoint, request.header(), null, null, FailInfo.BAD_CERT_ID,
            "this endpoint publishes no CRL of that issuer");
      }
    }
    return outcomes.crl(endpoint, request, crl.get());
  }

  private static String issuerFingerprint(IssuerAndSerialNumber wanted) {
    try {
      return Fingerprints.sha256(wanted.getName().getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
