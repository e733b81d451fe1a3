package org.scepra.protocol;

import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInformation;

/** Opens the pkcsPKIEnvelope (RFC 8894 §3.2.2) with one of the RA's key-exchange keys. */
final class EnvelopeOpener {

  record Opened(byte[] content, ASN1ObjectIdentifier algorithm) {}

  private final AlgorithmPolicy policy;
  private final List<RaDecryptionKey> keys;

  EnvelopeOpener(AlgorithmPolicy policy, List<RaDecryptionKey> keys) {
    this.policy = policy;
    this.keys = List.copyOf(keys);
  }

  Opened open(byte[] encoded, RequestHeader header) throws ScepFailureException {
    CMSEnvelopedData enveloped;
    try {
      enveloped = new CMSEnvelopedData(encoded);
    } catch (CMSException | RuntimeException e) {
      throw PkiMessageDecoder.failure(header, FailInfo.BAD_MESSAGE_CHECK, "the request content is not an EnvelopedData");
    }
    ASN1ObjectIdentifier algorithm = enveloped.getContentEncryptionAlgorithm().getAlgorithm();
    if (policy.contentEncryption(algorithm).isEmpty()) {
      throw PkiMessageDecoder.failure(header, FailInfo.BAD_ALG,
          "content encryption algorithm " + PkiMessageDecoder.oidText(algorithm) + " is not accepted");
    }
    // Clients may encrypt to every certificate from GetCACert; pick the recipientInfo that is ours.
    for (RecipientInformation recipient : enveloped.getRecipientInfos().getRecipients()) {
      for (RaDecryptionKey key : keys) {
        if (recipient.getRID().match(key.certificate())) {
          return new Opened(decrypt(recipient, key, header), algorithm);
        }
      }
    }
    throw PkiMessageDecoder.failure(header, FailInfo.BAD_MESSAGE_CHECK,
        "the request is not encrypted to this RA's encryption certificate");
  }

  private static byte[] decrypt(RecipientInformation recipient, RaDecryptionKey key, RequestHeader header)
      throws ScepFailureException {
    try {
      return recipient.getContent(key.recipient());
    } catch (CMSException | RuntimeException e) {
      throw PkiMessageDecoder.failure(header, FailInfo.BAD_MESSAGE_CHECK, "the request could not be decrypted");
    }
  }
}
