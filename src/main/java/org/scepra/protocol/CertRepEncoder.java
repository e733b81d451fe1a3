package org.scepra.protocol;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.cms.KeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.bc.BcCMSContentEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JceAsymmetricKeyWrapper;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;

/**
 * Builds CertRep messages (RFC 8894 §3.3.2): signed by the RA, echoing the transactionID, the
 * client's senderNonce as recipientNonce, with a fresh senderNonce. SUCCESS content is enveloped
 * to the requester's signing certificate. Output is definite-length: Go clients hash only the first
 * chunk of a chunked octet string. Stateless and thread-safe.
 */
public final class CertRepEncoder {

  /** Shared: a SecureRandom per response (BouncyCastle's default) costs a seeding each time. */
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ResponseSigner signer;
  private final AlgorithmPolicy policy;

  public CertRepEncoder(ResponseSigner signer, AlgorithmPolicy policy) {
    this.signer = signer;
    this.policy = policy;
  }

  /**
   * SUCCESS with a degenerate SignedData (certificates or a CRL) for the requester.
   *
   * @param degenerate the content, from {@link DegenerateSignedData}
   */
  public byte[] success(PkiRequest request, byte[] degenerate) throws ScepFailureException {
    RequestHeader header = request.header();
    X509CertificateHolder recipient = header.signerCertificate()
        .orElseThrow(() -> PkiMessageDecoder.failure(header, FailInfo.BAD_MESSAGE_CHECK, "the signer certificate is missing"));
    byte[] envelope;
    try {
      CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
      generator.addRecipientInfoGenerator(new RequesterRecipient(recipient));
      envelope = generator
          .generate(new CMSProcessableByteArray(degenerate),
              new BcCMSContentEncryptorBuilder(request.contentEncryption()).setSecureRandom(RANDOM).build())
          .toASN1Structure()
          .getEncoded(ASN1Encoding.DL);
    } catch (CMSException | IOException | GeneralSecurityException | RuntimeException e) {
      // Typically a non-RSA requester key: KeyTrans needs RSA (RFC 8894 §3.1).
      throw PkiMessageDecoder.failure(header, FailInfo.BAD_ALG, "cannot encrypt the response to the requester's key");
    }
    return sign(header, PkiStatus.SUCCESS, null, null, new CMSProcessableByteArray(envelope));
  }

  public byte[] pending(RequestHeader header) {
    return sign(header, PkiStatus.PENDING, null, null, new CMSAbsentContent());
  }

  /** FAILURE: no envelope; failInfoText is short and general, it goes to the device. */
  public byte[] failure(RequestHeader header, FailInfo failInfo, String failInfoText) {
    return sign(header, PkiStatus.FAILURE, failInfo, failInfoText, new CMSAbsentContent());
  }

  private byte[] sign(RequestHeader header, PkiStatus status, FailInfo failInfo, String text, CMSTypedData content) {
    ASN1EncodableVector attributes = new ASN1EncodableVector();
    attributes.add(attribute(ScepAttributes.MESSAGE_TYPE, new DERPrintableString(Integer.toString(MessageType.CERT_REP.code()))));
    attributes.add(attribute(ScepAttributes.PKI_STATUS, new DERPrintableString(Integer.toString(status.code()))));
    if (failInfo != null) {
      attributes.add(attribute(ScepAttributes.FAIL_INFO, new DERPrintableString(Integer.toString(failInfo.code()))));
      if (text != null && !text.isEmpty()) {
        attributes.add(attribute(ScepAttributes.FAIL_INFO_TEXT, new DERUTF8String(text)));
      }
    }
    attributes.add(attribute(ScepAttributes.TRANSACTION_ID, new DERPrintableString(header.transactionId().value())));
    attributes.add(attribute(ScepAttributes.SENDER_NONCE, new DEROctetString(Nonce.random().bytes())));
    attributes.add(attribute(ScepAttributes.RECIPIENT_NONCE, new DEROctetString(header.senderNonce().bytes())));
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(signer.digestCalculators())
          .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
          .build(signer.signer(responseDigest(header)), signer.certificate()));
      generator.addCertificate(signer.certificate());
      return generator.generate(content, true).getEncoded(ASN1Encoding.DL);
    } catch (OperatorCreationException | CMSException | IOException e) {
      throw new IllegalStateException("cannot sign CertRep", e);
    }
  }

  /** The request's digest when acceptable, else SHA-256 (e.g. a FAILURE answering badAlg). */
  private String responseDigest(RequestHeader header) {
    return policy.digest(header.digestAlgorithm().getAlgorithm()).orElse("SHA256");
  }

  private static Attribute attribute(ASN1ObjectIdentifier oid, ASN1Encodable value) {
    return new Attribute(oid, new DERSet(value));
  }

  /**
   * The requester's certificate as recipient (issuerAndSerialNumber, rsaEncryption), its key
   * wrapped by the JCA. Not BouncyCastle's lightweight RSA key: building one tests the modulus for
   * primality (Miller-Rabin rounds, about a millisecond per response, a quarter of the non-RSA work
   * of an enrollment), while this key already verified the request's signature and its CSR's.
   * KeyTrans needs RSA (RFC 8894 §3.1): any other key is refused here.
   */
  private static final class RequesterRecipient extends KeyTransRecipientInfoGenerator {

    RequesterRecipient(X509CertificateHolder certificate) throws GeneralSecurityException {
      super(new IssuerAndSerialNumber(certificate.toASN1Structure()),
          new JceAsymmetricKeyWrapper(rsaKey(certificate)));
    }

    private static PublicKey rsaKey(X509CertificateHolder certificate) throws GeneralSecurityException {
      if (!"RSA".equals(PublicKeys.keyAlgorithm(certificate.getSubjectPublicKeyInfo()))) {
        throw new GeneralSecurityException("not an RSA key");
      }
      return PublicKeys.fromSpki(certificate.getSubjectPublicKeyInfo());
    }
  }
}
