package org.scepra.ra.authz;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.scepra.protocol.CsrAttributes;
import org.scepra.protocol.FailInfo;

/**
 * The endpoint's issuance policy: key strength, CSR signature algorithm, subject and SAN rules.
 * Texts tell the device administrator what was wrong, never the configured patterns themselves.
 */
public final class PolicyCheck {
  static final String MODE = "policy";
  /** Longer subjects are refused outright: nothing legitimate needs them, and they are stored. */
  static final int MAX_SUBJECT_LENGTH = 1024;

  private PolicyCheck() {}

  public static Decision check(EnrollmentContext context) {
    PolicySettings policy = context.settings().policy();
    String subject = context.subject();
    if (subject.length() > MAX_SUBJECT_LENGTH) {
      return Decision.deny("the subject is longer than " + MAX_SUBJECT_LENGTH + " characters", MODE);
    }
    Decision replyKey = replyKey(context);
    if (replyKey instanceof Decision.Deny) {
      return replyKey;
    }
    Decision key = key(context, policy);
    if (key instanceof Decision.Deny) {
      return key;
    }
    String algorithm = new DefaultAlgorithmNameFinder().getAlgorithmName(context.csr().getSignatureAlgorithm())
        .toUpperCase(Locale.ROOT);
    if (!policy.signatureAlgorithms().contains(algorithm)) {
      return new Decision.Deny(FailInfo.BAD_ALG, "the CSR signature algorithm " + algorithm + " is not allowed", MODE);
    }
    X500Name name = context.csr().getSubject();
    for (String rdn : policy.requiredRdns()) {
      if (name.getRDNs(BCStyle.INSTANCE.attrNameToOID(rdn)).length == 0) {
        return Decision.deny("the subject must contain " + rdn, MODE);
      }
    }
    if (policy.subjectPattern().isPresent() && !policy.subjectPattern().get().matcher(subject).matches()) {
      return Decision.deny("the subject is not allowed on this endpoint", MODE);
    }
    Optional<Extensions> extensions = CsrAttributes.requestedExtensions(context.csr());
    GeneralNames sans = extensions.map(e -> GeneralNames.fromExtensions(e, Extension.subjectAlternativeName)).orElse(null);
    if (name.getRDNs().length == 0 && (sans == null || sans.getNames().length == 0)) {
      return Decision.deny("the request names no subject and no subjectAltName", MODE);
    }
    return sans == null ? new Decision.Abstain() : subjectAltNames(sans, policy);
  }

  /**
   * The reply is enveloped to the key that signed the request, by key transport, which needs RSA (RFC 8894 §3.1).
   * Refused here, before anything is issued: found too late, the certificate would exist and the client never get it.
   */
  private static Decision replyKey(EnrollmentContext context) {
    return context.request().header().signerCertificate()
        .filter(signer -> !PKCSObjectIdentifiers.rsaEncryption.equals(
            signer.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm()))
        .<Decision>map(signer -> new Decision.Deny(FailInfo.BAD_ALG,
            "the reply is encrypted to the key that signed the request, which must be an RSA key", MODE))
        .orElseGet(Decision.Abstain::new);
  }

  private static Decision key(EnrollmentContext context, PolicySettings policy) {
    PublicKey key;
    try {
      key = new JcaPKCS10CertificationRequest(context.csr().getEncoded()).getPublicKey();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return new Decision.Deny(FailInfo.BAD_ALG, "the CSR's public key is not supported", MODE);
    }
    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < policy.minRsaKeySize()) {
      return new Decision.Deny(FailInfo.BAD_ALG, "RSA keys must have at least " + policy.minRsaKeySize() + " bits", MODE);
    }
    return new Decision.Abstain();
  }

  private static Decision subjectAltNames(GeneralNames sans, PolicySettings policy) {
    for (GeneralName san : sans.getNames()) {
      String type = type(san);
      if (!policy.sanTypes().contains(type)) {
        return Decision.deny("subjectAltNames of type " + type + " are not allowed on this endpoint", MODE);
      }
      Pattern pattern = policy.sanPatterns().get(type);
      if (pattern != null && !pattern.matcher(san.getName().toString()).matches()) {
        return Decision.deny("the " + type + " subjectAltName is not allowed on this endpoint", MODE);
      }
    }
    return new Decision.Abstain();
  }

  static String type(GeneralName san) {
    return switch (san.getTagNo()) {
      case GeneralName.dNSName -> "dns";
      case GeneralName.rfc822Name -> "email";
      case GeneralName.iPAddress -> "ip";
      case GeneralName.uniformResourceIdentifier -> "uri";
      case GeneralName.otherName -> "upn".equals(otherNameType(san)) ? "upn" : "other";
      default -> "other";
    };
  }

  private static String otherNameType(GeneralName san) {
    var sequence = org.bouncycastle.asn1.ASN1Sequence.getInstance(san.getName());
    return "1.3.6.1.4.1.311.20.2.3".equals(sequence.getObjectAt(0).toString()) ? "upn" : "other";
  }
}
