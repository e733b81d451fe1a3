package org.scepra.backend.internalca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.scepra.spi.CertificateRevoker.Reason;

/**
 * Builds and signs the CA's v2 CRLs: issuer is the CA subject (as encoded in the CA certificate),
 * extensions CRLNumber and AuthorityKeyIdentifier, and per entry the revocation date and a
 * reasonCode, which is left out for {@code unspecified} (RFC 5280 §5.3.1).
 *
 * <p>Thread-safe without locking: fields are immutable; signers are created per call.
 */
final class CrlGenerator {

  private final CaIdentity ca;
  private final String signatureAlgorithm;
  private final X500Name issuerName;
  private final AuthorityKeyIdentifier authorityKeyId;

  CrlGenerator(CaIdentity ca, String signatureAlgorithm) {
    this.ca = Objects.requireNonNull(ca, "ca");
    this.signatureAlgorithm = Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
    try {
      X509CertificateHolder caHolder = new JcaX509CertificateHolder(ca.certificate());
      this.issuerName = caHolder.getSubject();
      this.authorityKeyId = AuthorityKeyIds.of(caHolder);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the CA certificate cannot be encoded", e);
    }
  }

  /**
   * Signs a CRL listing {@code revocations}.
   *
   * @throws InternalCaException if signing fails
   */
  X509CRL generate(
      List<Revocation> revocations, BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate)
      throws InternalCaException {
    X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName, Date.from(thisUpdate));
    builder.setNextUpdate(Date.from(nextUpdate));
    for (Revocation revocation : revocations) {
      // BouncyCastle adds the reasonCode extension only for a nonzero code.
      int code = revocation.reason() == Reason.UNSPECIFIED ? 0 : revocation.reason().code();
      builder.addCRLEntry(revocation.serial(), Date.from(revocation.revokedAt()), code);
    }
    try {
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
      builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId);
      return new JcaX509CRLConverter()
          .getCRL(
              builder.build(ca.signer(signatureAlgorithm)));
    } catch (GeneralSecurityException
        | OperatorCreationException
        | CertIOException
        | RuntimeException e) {
      throw new InternalCaException("signing the CRL failed: " + e, e);
    }
  }
}
