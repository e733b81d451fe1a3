package org.scepra.protocol;

import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Decodes a pkiMessage (RFC 8894 §3.2): SignedData around EnvelopedData around the request.
 *
 * <p>Lenient on encoding (BER, indefinite lengths, chunked octet strings are all accepted by
 * BouncyCastle's parser), strict on meaning: the signature must verify with the signer certificate
 * the message carries, the algorithms must be allowed, and the content must match the
 * messageType. Stateless and thread-safe.
 */
public final class PkiMessageDecoder {

  private final AlgorithmPolicy policy;
  private final EnvelopeOpener envelopeOpener;

  public PkiMessageDecoder(AlgorithmPolicy policy, List<RaDecryptionKey> decryptionKeys) {
    this.policy = policy;
    this.envelopeOpener = new EnvelopeOpener(policy, decryptionKeys);
  }

  /**
   * @throws MalformedMessageException if there is nothing a CertRep could be addressed to
   * @throws ScepFailureException if the request is addressable but fails a check
   */
  public PkiRequest decode(byte[] encoded) throws MalformedMessageException, ScepFailureException {
    CMSSignedData signed = parse(encoded);
    SignerInformation signer;
    RequestHeader header;
    try {
      signer = singleSigner(signed);
      header = readHeader(signed, signer);
    } catch (RuntimeException e) {
      // BouncyCastle parses SignerInfos, attributes and certificates lazily and signals bad ASN.1 this way.
      throw new MalformedMessageException("message has a malformed signer or certificate");
    }
    verifySignature(signer, header);
    if (!header.senderNonce().hasAcceptableLength()) {
      throw failure(header, FailInfo.BAD_REQUEST, "senderNonce is " + header.senderNonce().length()
          + " octets; RFC 8894 nonces are " + Nonce.LENGTH + " (at most " + Nonce.MAX_ACCEPTED_LENGTH + " accepted)");
    }
    MessageType type =
        header.messageType().orElseThrow(() -> failure(header, FailInfo.BAD_REQUEST, "unsupported messageType"));
    if (type == MessageType.CERT_REP) {
      throw failure(header, FailInfo.BAD_REQUEST, "CertRep is not a request");
    }
    byte[] envelope = encapsulatedContent(signed, header);
    EnvelopeOpener.Opened opened = envelopeOpener.open(envelope, header);
    PkiMessage message = PayloadParser.parse(type, opened.content(), header, policy);
    return new PkiRequest(header, message, opened.algorithm());
  }

  private static CMSSignedData parse(byte[] encoded) throws MalformedMessageException {
    if (encoded == null || encoded.length == 0) {
      throw new MalformedMessageException("empty message");
    }
    if (!Asn1Nesting.withinLimit(encoded)) {
      throw new MalformedMessageException("message is nested too deeply");
    }
    try {
      return new CMSSignedData(encoded);
    } catch (CMSException | RuntimeException e) {
      throw new MalformedMessageException("message is not a CMS SignedData");
    }
  }

  private static SignerInformation singleSigner(CMSSignedData signed) throws MalformedMessageException {
    Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
    if (signers.size() != 1) {
      throw new MalformedMessageException("message must have exactly one signer");
    }
    return signers.iterator().next();
  }

  private RequestHeader readHeader(CMSSignedData signed, SignerInformation signer) throws MalformedMessageException {
    AttributeTable attributes = signer.getSignedAttributes();
    if (attributes == null) {
      throw new MalformedMessageException("message has no signed attributes");
    }
    TransactionId transactionId;
    try {
      transactionId = new TransactionId(string(attributes, ScepAttributes.TRANSACTION_ID)
          .orElseThrow(() -> new MalformedMessageException("transactionID is missing")));
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("transactionID is malformed");
    }
    ASN1Encodable nonce = value(attributes, ScepAttributes.SENDER_NONCE)
        .orElseThrow(() -> new MalformedMessageException("senderNonce is missing"));
    if (!(nonce instanceof ASN1OctetString octets)) {
      throw new MalformedMessageException("senderNonce is not an OCTET STRING");
    }
    Optional<MessageType> type = string(attributes, ScepAttributes.MESSAGE_TYPE).flatMap(PkiMessageDecoder::messageType);
    return new RequestHeader(type, transactionId, Nonce.of(octets.getOctets()), signerCertificate(signed, signer),
        signer.getDigestAlgorithmID());
  }

  /**
   * The first certificate the signer's identifier matches. Matching by subjectKeyIdentifier parses
   * each certificate's extension, so a certificate whose extension is malformed matches nothing
   * rather than failing the whole message.
   */
  @SuppressWarnings("unchecked")
  private static Optional<X509CertificateHolder> signerCertificate(CMSSignedData signed, SignerInformation signer) {
    Collection<X509CertificateHolder> certificates = signed.getCertificates().getMatches(null);
    for (X509CertificateHolder certificate : certificates) {
      try {
        if (signer.getSID().match(certificate)) {
          return Optional.of(certificate);
        }
      } catch (RuntimeException e) {
        // not this one
      }
    }
    return Optional.empty();
  }

  private void verifySignature(SignerInformation signer, RequestHeader header) throws ScepFailureException {
    if (policy.digest(signer.getDigestAlgorithmID().getAlgorithm()).isEmpty()) {
      throw failure(header, FailInfo.BAD_ALG,
          "digest algorithm " + oidText(signer.getDigestAlgorithmID().getAlgorithm()) + " is not accepted");
    }
    X509CertificateHolder certificate = header.signerCertificate()
        .orElseThrow(() -> failure(header, FailInfo.BAD_MESSAGE_CHECK, "the signer certificate is missing"));
    boolean valid;
    try {
      // Built from the bare public key: the throwaway certificate's validity and extensions are
      // deliberately not judged here (Windows sends a critical AKI, clocks drift).
      valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
          .build(PublicKeys.fromSpki(certificate.getSubjectPublicKeyInfo())));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw failure(header, FailInfo.BAD_ALG, "signature algorithm is not supported");
    } catch (CMSException | RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw failure(header, FailInfo.BAD_MESSAGE_CHECK, "the request signature does not verify");
    }
  }

  private static byte[] encapsulatedContent(CMSSignedData signed, RequestHeader header) throws ScepFailureException {
    if (signed.getSignedContent() == null || !(signed.getSignedContent().getContent() instanceof byte[] bytes)) {
      throw failure(header, FailInfo.BAD_MESSAGE_CHECK, "the request carries no content");
    }
    return bytes;
  }

  private static Optional<MessageType> messageType(String value) {
    try {
      return MessageType.fromCode(Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<ASN1Encodable> value(AttributeTable attributes, ASN1ObjectIdentifier oid) {
    Attribute attribute = attributes.get(oid);
    if (attribute == null || attribute.getAttrValues().size() != 1) {
      return Optional.empty();
    }
    return Optional.of(attribute.getAttrValues().getObjectAt(0));
  }

  private static Optional<String> string(AttributeTable attributes, ASN1ObjectIdentifier oid) {
    return value(attributes, oid).filter(ASN1String.class::isInstance).map(v -> ((ASN1String) v).getString());
  }

  /** An algorithm's OID for a failInfoText; a longer one than any real OID is requester data, not echoed. */
  static String oidText(ASN1ObjectIdentifier oid) {
    String id = oid.getId();
    return id.length() <= 64 ? id : "(unknown)";
  }

  static ScepFailureException failure(RequestHeader header, FailInfo failInfo, String text) {
    return new ScepFailureException(header, failInfo, text);
  }
}
