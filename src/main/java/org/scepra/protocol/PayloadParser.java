package org.scepra.protocol;

import java.io.IOException;
import java.security.GeneralSecurityException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/** Parses the decrypted messageData for each request type (RFC 8894 §3.3). */
final class PayloadParser {
  /**
   * Larger CSRs are refused (badRequest) before anything else looks at them. Real ones are one to
   * six kilobytes (an Intune challenge is the bulk of the largest), and scepra stores the CSR and
   * the certificate issued from it, which copies its subject, key and subjectAltNames, in columns of
   * 12,000 bytes: a bigger CSR would be authorized and then fail to be recorded (HTTP 500).
   */
  static final int MAX_CSR_BYTES = 10_000;

  private PayloadParser() {}

  static PkiMessage parse(MessageType type, byte[] content, RequestHeader header, AlgorithmPolicy policy)
      throws ScepFailureException {
    if (!Asn1Nesting.withinLimit(content)) {
      throw PkiMessageDecoder.failure(header, FailInfo.BAD_REQUEST, "the request content is nested too deeply");
    }
    return switch (type) {
      case PKCS_REQ -> new PkiMessage.PkcsReq(csr(content, header, policy));
      case RENEWAL_REQ -> new PkiMessage.RenewalReq(csr(content, header, policy));
      case CERT_POLL -> issuerAndSubject(content, header);
      case GET_CERT -> new PkiMessage.GetCert(issuerAndSerial(content, header));
      case GET_CRL -> new PkiMessage.GetCrl(issuerAndSerial(content, header));
      case CERT_REP -> throw PkiMessageDecoder.failure(header, FailInfo.BAD_REQUEST, "CertRep is not a request");
    };
  }

  private static PKCS10CertificationRequest csr(byte[] content, RequestHeader header, AlgorithmPolicy policy)
      throws ScepFailureException {
    if (content.length > MAX_CSR_BYTES) {
      throw PkiMessageDecoder.failure(header, FailInfo.BAD_REQUEST, "the CSR is larger than " + MAX_CSR_BYTES + " bytes");
    }
    PKCS10CertificationRequest csr;
    try {
      csr = new PKCS10CertificationRequest(content);
    } catch (IOException | RuntimeException e) {
      throw PkiMessageDecoder.failure(header, FailInfo.BAD_REQUEST, "the request content is not a PKCS#10 CSR");
    }
    if (!CsrSignatures.accepted(csr.getSignatureAlgorithm(), policy)) {
      throw PkiMessageDecoder.failure(header, FailInfo.BAD_ALG, "the CSR's signature algorithm is not accepted");
    }
    boolean valid;
    try {
      valid = csr.isSignatureValid(
          new JcaContentVerifierProviderBuilder().build(PublicKeys.fromSpki(csr.getSubjectPublicKeyInfo())));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw PkiMessageDecoder.failure(header, FailInfo.BAD_ALG, "the CSR's key or signature algorithm is not supported");
    } catch (PKCSException | RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw PkiMessageDecoder.failure(header, FailInfo.BAD_MESSAGE_CHECK,
          "the CSR's self-signature does not verify (no proof of possession)");
    }
    if (!unambiguousExtensions(csr)) {
      throw PkiMessageDecoder.failure(header, FailInfo.BAD_REQUEST, "the CSR's requested extensions are malformed");
    }
    return csr;
  }

  /**
   * The extensionRequest is read by the policy check and by every backend, with different helpers:
   * it must be one attribute with one value, without repeated extensions, each value well-formed,
   * and subjectAltName and keyUsage of their types. Otherwise the readers disagree: BouncyCastle's
   * {@code getRequestedExtensions} takes the first of several attributes and merges repeated
   * subjectAltNames, where {@link CsrAttributes} sees none, so a SAN would bypass the policy.
   */
  private static boolean unambiguousExtensions(PKCS10CertificationRequest csr) {
    Attribute[] requests = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
    if (requests.length == 0) {
      return true;
    }
    if (requests.length != 1 || requests[0].getAttrValues().size() != 1) {
      return false;
    }
    try {
      Extensions extensions = Extensions.getInstance(requests[0].getAttrValues().getObjectAt(0));
      for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
        byte[] value = extensions.getExtension(oid).getExtnValue().getOctets();
        if (!Asn1Nesting.withinLimit(value)) {
          return false;
        }
        ASN1Primitive.fromByteArray(value);
      }
      GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
      for (GeneralName name : names == null ? new GeneralName[0] : names.getNames()) {
        if (name.getTagNo() == GeneralName.otherName) {
          OtherName.getInstance(name.getName());
        }
      }
      KeyUsage.fromExtensions(extensions);
      return extensions.equals(csr.getRequestedExtensions());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static PkiMessage.CertPoll issuerAndSubject(byte[] content, RequestHeader header) throws ScepFailureException {
    try {
      ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(content));
      if (sequence.size() != 2) {
        throw new IllegalArgumentException("IssuerAndSubject has two elements");
      }
      return new PkiMessage.CertPoll(X500Name.getInstance(sequence.getObjectAt(0)), X500Name.getInstance(sequence.getObjectAt(1)));
    } catch (IOException | RuntimeException e) {
      throw PkiMessageDecoder.failure(header, FailInfo.BAD_REQUEST, "the request content is not an IssuerAndSubject");
    }
  }

  private static IssuerAndSerialNumber issuerAndSerial(byte[] content, RequestHeader header) throws ScepFailureException {
    try {
      return IssuerAndSerialNumber.getInstance(ASN1Primitive.fromByteArray(content));
    } catch (IOException | RuntimeException e) {
      throw PkiMessageDecoder.failure(header, FailInfo.BAD_REQUEST, "the request content is not an IssuerAndSerialNumber");
    }
  }
}
