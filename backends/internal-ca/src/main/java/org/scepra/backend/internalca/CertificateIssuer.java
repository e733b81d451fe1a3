package org.scepra.backend.internalca;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.IssueResult;
import org.scepra.spi.IssueResult.Reason;

/**
 * Issues end-entity certificates from PKCS#10 requests with the CA's key.
 *
 * <p>Thread-safe without locking: all fields are immutable or thread-safe ({@link SecureRandom});
 * signers and extension utilities, which are stateful, are created per call.
 */
public final class CertificateIssuer {

  private final CaIdentity ca;
  private final List<X509Certificate> chain;
  private final X500Name issuerName;
  private final AuthorityKeyIdentifier authorityKeyId;
  private final String signatureAlgorithm;
  private final Duration backdate;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  /** The rehearsals' signing key, made at the first; never the CA's. */
  private volatile KeyPair rehearsalKey;

  public CertificateIssuer(CaIdentity ca, String signatureAlgorithm, Duration backdate) {
    this(ca, signatureAlgorithm, backdate, Clock.systemUTC());
  }

  public CertificateIssuer(
      CaIdentity ca, String signatureAlgorithm, Duration backdate, Clock clock) {
    this.ca = Objects.requireNonNull(ca, "ca");
    this.signatureAlgorithm = Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
    this.backdate = Objects.requireNonNull(backdate, "backdate");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.chain = List.of(ca.certificate());
    try {
      X509CertificateHolder caHolder = new JcaX509CertificateHolder(ca.certificate());
      // Issuer copied as encoded, so it matches the CA's subject byte for byte.
      this.issuerName = caHolder.getSubject();
      this.authorityKeyId = AuthorityKeyIds.of(caHolder);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the CA certificate cannot be encoded", e);
    }
  }

  /**
   * Issues a certificate for {@code csr} as {@code profile} says, or rejects the request.
   *
   * @throws InternalCaException if signing fails for a reason that is not the request's fault
   */
  public IssueResult issue(PKCS10CertificationRequest csr, CertificateProfile profile)
      throws InternalCaException {
    Optional<IssueResult.Rejected> keyProblem = checkPublicKey(csr);
    if (keyProblem.isPresent()) {
      return keyProblem.get();
    }
    Optional<GeneralNames> altNames;
    try {
      altNames = RequestedExtensions.subjectAltNames(csr);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return new IssueResult.Rejected(Reason.BAD_REQUEST, "malformed extension request");
    }
    X500Name subject = csr.getSubject();
    boolean emptySubject = subject.getRDNs().length == 0;
    if (emptySubject && altNames.isEmpty()) {
      // RFC 5280 §4.1.2.6: an empty subject needs a subjectAltName.
      return new IssueResult.Rejected(
          Reason.BAD_REQUEST, "the request has neither a subject nor a subjectAltName");
    }
    Instant now = clock.instant();
    Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
    if (!now.isBefore(caNotAfter)) {
      return new IssueResult.Rejected(Reason.CA_UNAVAILABLE, "the internal CA has expired");
    }
    Instant notBefore = now.minus(backdate).truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = notAfter(notBefore, profile.validity(), caNotAfter);
    try {
      return new IssueResult.Issued(
          sign(csr.getSubjectPublicKeyInfo(), subject, altNames, profile, notBefore, notAfter),
          chain);
    } catch (GeneralSecurityException
        | OperatorCreationException
        | CertIOException
        | RuntimeException e) {
      throw new InternalCaException("signing failed: " + e, e);
    }
  }

  private X509Certificate sign(
      SubjectPublicKeyInfo publicKey,
      X500Name subject,
      Optional<GeneralNames> altNames,
      CertificateProfile profile,
      Instant notBefore,
      Instant notAfter)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            issuerName,
            SerialNumbers.next(random),
            Date.from(notBefore),
            Date.from(notAfter),
            subject,
            publicKey); // the CSR's encoding, unchanged
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(publicKey));
    builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId);
    ProfileExtensions.addTo(builder, profile);
    if (altNames.isPresent()) {
      // RFC 5280 §4.2.1.6: critical exactly when the subject is empty.
      boolean critical = subject.getRDNs().length == 0;
      builder.addExtension(Extension.subjectAlternativeName, critical, altNames.get());
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(ca.signer(signatureAlgorithm)));
  }

  /**
   * Issues as {@link #issue} does, but signs with a throwaway key of the CA key's kind (made at the first rehearsal,
   * kept for the next): the classes, the extensions and the provider's signature are those of a real issuance, and
   * the CA's key signs nothing. The result, which no one can verify against the CA, is only for the caller to look
   * at and drop.
   *
   * @throws InternalCaException if the rehearsal itself fails
   */
  public IssueResult rehearse(PKCS10CertificationRequest csr, CertificateProfile profile)
      throws InternalCaException {
    KeyPair throwaway = rehearsalKey;
    if (throwaway == null) {
      try {
        throwaway = throwawayKeyLike(ca.certificate().getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new InternalCaException("no throwaway key for the rehearsal: " + e, e);
      }
      rehearsalKey = throwaway;
    }
    CaIdentity stranger =
        new CaIdentity(throwaway.getPrivate(), ca.certificate()).using(ca.providers());
    return new CertificateIssuer(stranger, signatureAlgorithm, backdate, clock).issue(csr, profile);
  }

  private KeyPair throwawayKeyLike(PublicKey caKey) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(caKey.getAlgorithm());
    if (caKey instanceof ECPublicKey ec) {
      generator.initialize(ec.getParams(), random);
    } else if (caKey instanceof RSAPublicKey rsa) {
      // the CA's size would cost seconds for RSA-4096; the signing code is the same at 2048
      generator.initialize(Math.min(rsa.getModulus().bitLength(), 2048), random);
    }
    return generator.generateKeyPair();
  }

  /** notBefore plus the profile's validity, but never beyond the CA certificate's notAfter. */
  static Instant notAfter(Instant notBefore, Duration validity, Instant caNotAfter) {
    if (validity.compareTo(Duration.between(notBefore, caNotAfter)) >= 0) {
      return caNotAfter;
    }
    return notBefore.plus(validity).truncatedTo(ChronoUnit.SECONDS);
  }

  /** The RA verified the CSR's signature, but the key must still be one the JDK can read. */
  private static Optional<IssueResult.Rejected> checkPublicKey(PKCS10CertificationRequest csr) {
    try {
      new JcaPKCS10CertificationRequest(csr).getPublicKey();
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      return Optional.of(
          new IssueResult.Rejected(Reason.BAD_ALGORITHM, "unsupported public key algorithm"));
    } catch (InvalidKeyException | RuntimeException e) {
      return Optional.of(
          new IssueResult.Rejected(Reason.BAD_REQUEST, "the public key cannot be read"));
    }
  }
}
