package org.scepra.protocol;

import java.io.IOException;
import java.security.GeneralSecurityException;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/** Parses the decrypted messageData for each request type (RFC 8894 §3.3). */
final class PayloadParser {

  private PayloadParser() {}

  static PkiMessage parse(MessageType type, byte[] content, RequestHeader header, AlgorithmPolicy policy)
      throws ScepFailureException {
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
    return csr;
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
