package org.scepra.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.scepra.protocol.MessageType;
import org.scepra.protocol.ScepAttributes;

/**
 * Builds SCEP requests the way clients do, with knobs for every variation tests need. Test-only:
 * scepra's main code never builds requests.
 */
public final class ScepTestClient {

  /** How to wrap a request. Defaults: AES-128, SHA-256, DER, a 16-byte nonce. */
  public record Options(ASN1ObjectIdentifier cipher, String digest, boolean berChunked, byte[] senderNonce,
      String transactionId, String messageType) {

    public static Options defaults(String transactionId) {
      byte[] nonce = new byte[16];
      new java.security.SecureRandom().nextBytes(nonce);
      return new Options(CMSAlgorithm.AES128_CBC, "SHA256", false, nonce, transactionId, "19");
    }

    public Options cipher(ASN1ObjectIdentifier value) {
      return new Options(value, digest, berChunked, senderNonce, transactionId, messageType);
    }

    public Options digest(String value) {
      return new Options(cipher, value, berChunked, senderNonce, transactionId, messageType);
    }

    public Options chunked() {
      return new Options(cipher, digest, true, senderNonce, transactionId, messageType);
    }

    public Options messageType(MessageType type) {
      return new Options(cipher, digest, berChunked, senderNonce, transactionId, Integer.toString(type.code()));
    }

    public Options messageType(String raw) {
      return new Options(cipher, digest, berChunked, senderNonce, transactionId, raw);
    }

    public Options transactionId(String value) {
      return new Options(cipher, digest, berChunked, senderNonce, value, messageType);
    }

    public Options senderNonce(byte[] value) {
      return new Options(cipher, digest, berChunked, value, transactionId, messageType);
    }
  }

  private ScepTestClient() {}

  /** Envelopes {@code content} to {@code recipient}, then signs it as {@code signer}. */
  public static byte[] pkiMessage(byte[] content, X509Certificate recipient, KeyPair signerKey,
      X509Certificate signerCert, Options options) {
    return sign(envelope(content, recipient, options.cipher()), signerKey, signerCert, options);
  }

  public static byte[] envelope(byte[] content, X509Certificate recipient, ASN1ObjectIdentifier cipher) {
    try {
      CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
      generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient));
      return generator.generate(new CMSProcessableByteArray(content), new JceCMSContentEncryptorBuilder(cipher).build())
          .getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] sign(byte[] content, KeyPair signerKey, X509Certificate signerCert, Options options) {
    try {
      ASN1EncodableVector attributes = new ASN1EncodableVector();
      if (options.messageType() != null) {
        attributes.add(attribute(ScepAttributes.MESSAGE_TYPE, new DERPrintableString(options.messageType())));
      }
      if (options.transactionId() != null) {
        attributes.add(attribute(ScepAttributes.TRANSACTION_ID, new DERPrintableString(options.transactionId())));
      }
      if (options.senderNonce() != null) {
        attributes.add(attribute(ScepAttributes.SENDER_NONCE, new DEROctetString(options.senderNonce())));
      }
      SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
          .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
          .build(new JcaContentSignerBuilder(options.digest() + TestPki.signatureSuffix(signerKey.getPrivate()))
              .build(signerKey.getPrivate()), signerCert);
      if (options.berChunked()) {
        CMSSignedDataStreamGenerator generator = new CMSSignedDataStreamGenerator();
        generator.addSignerInfoGenerator(signerInfo);
        generator.addCertificates(new JcaCertStore(java.util.List.of(signerCert)));
        generator.setBufferSize(1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream signed = generator.open(out, true)) {
          signed.write(content);
        }
        return out.toByteArray();
      }
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(signerInfo);
      generator.addCertificates(new JcaCertStore(java.util.List.of(signerCert)));
      return generator.generate(new CMSProcessableByteArray(content), true).getEncoded(ASN1Encoding.DER);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Attribute attribute(ASN1ObjectIdentifier oid, org.bouncycastle.asn1.ASN1Encodable value) {
    return new Attribute(oid, new DERSet(value));
  }
}
