package org.scepra.testkit;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.scepra.protocol.ScepAttributes;

/** Reads a CertRep as a client would: verify the RA's signature, read attributes, decrypt. */
public final class CertRepReader {

  /** What a CertRep said. {@code certificates} and {@code crls} are set for SUCCESS only. */
  public record CertRep(String messageType, String pkiStatus, String failInfo, String failInfoText,
      String transactionId, byte[] senderNonce, byte[] recipientNonce, String digestOid, String cipherOid,
      List<X509Certificate> certificates, List<X509CRLHolder> crls, X509CertificateHolder signer) {}

  private CertRepReader() {}

  /** Parses and verifies; decrypts SUCCESS content with {@code requesterKey}. */
  @SuppressWarnings("unchecked")
  public static CertRep read(byte[] encoded, PrivateKey requesterKey) {
    try {
      CMSSignedData signed = new CMSSignedData(encoded);
      SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
      X509CertificateHolder signerCert =
          ((Collection<X509CertificateHolder>) signed.getCertificates().getMatches(signer.getSID())).iterator().next();
      if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signerCert))) {
        throw new AssertionError("CertRep signature does not verify");
      }
      AttributeTable attributes = signer.getSignedAttributes();
      String status = string(attributes, ScepAttributes.PKI_STATUS);
      List<X509Certificate> certificates = new ArrayList<>();
      List<X509CRLHolder> crls = new ArrayList<>();
      String cipher = null;
      if ("0".equals(status)) {
        CMSEnvelopedData enveloped = new CMSEnvelopedData((byte[]) signed.getSignedContent().getContent());
        cipher = enveloped.getEncryptionAlgOID();
        RecipientInformation recipient = enveloped.getRecipientInfos().getRecipients().iterator().next();
        CMSSignedData degenerate = new CMSSignedData(recipient.getContent(new JceKeyTransEnvelopedRecipient(requesterKey)));
        for (Object holder : degenerate.getCertificates().getMatches(null)) {
          certificates.add(new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) holder));
        }
        crls.addAll(degenerate.getCRLs().getMatches(null));
      }
      return new CertRep(string(attributes, ScepAttributes.MESSAGE_TYPE), status,
          string(attributes, ScepAttributes.FAIL_INFO), string(attributes, ScepAttributes.FAIL_INFO_TEXT),
          string(attributes, ScepAttributes.TRANSACTION_ID), octets(attributes, ScepAttributes.SENDER_NONCE),
          octets(attributes, ScepAttributes.RECIPIENT_NONCE), signer.getDigestAlgOID(), cipher, certificates, crls,
          signerCert);
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("unreadable CertRep: " + e, e);
    }
  }

  private static ASN1Encodable value(AttributeTable attributes, ASN1ObjectIdentifier oid) {
    var attribute = attributes.get(oid);
    return attribute == null ? null : attribute.getAttrValues().getObjectAt(0);
  }

  private static String string(AttributeTable attributes, ASN1ObjectIdentifier oid) {
    ASN1Encodable value = value(attributes, oid);
    return value == null ? null : ((ASN1String) value).getString();
  }

  private static byte[] octets(AttributeTable attributes, ASN1ObjectIdentifier oid) {
    ASN1Encodable value = value(attributes, oid);
    return value == null ? null : ((ASN1OctetString) value).getOctets();
  }
}
