package org.scepra.ra.operations;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.scepra.protocol.MessageType;
import org.scepra.protocol.ScepAttributes;

/**
 * A PKCSReq as a device sends one (AES-128, SHA-256, a throwaway RSA-2048 key and self-signed certificate), made
 * only for the start-up rehearsal: decoded and answered in memory, shown to the backend's rehearsal (never to its
 * issuance) and written to the database in a transaction that is rolled back.
 */
record WarmUpRequest(byte[] message, X509Certificate requesterCertificate) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The made-up device: one key and certificate for every endpoint's request. */
  record Requester(KeyPair key, X509Certificate certificate) {}

  static Requester requester() throws GeneralSecurityException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair key = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=scepra start-up warm-up");
      Instant now = Instant.now();
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
          subject, new BigInteger(64, RANDOM), Date.from(now), Date.from(now.plus(Duration.ofHours(1))), subject,
          key.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
      return new Requester(key, certificate);
    } catch (GeneralSecurityException e) {
      throw e;
    } catch (Exception e) {
      throw new GeneralSecurityException("cannot make the warm-up requester: " + e.getMessage(), e);
    }
  }

  static WarmUpRequest to(X509Certificate raEncryption, Requester requester) throws GeneralSecurityException {
    try {
      KeyPair key = requester.key();
      X509Certificate certificate = requester.certificate();
      X500Name subject = new X500Name("CN=scepra start-up warm-up");
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate());
      byte[] csr = new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())).getEncoded();

      CMSEnvelopedDataGenerator envelope = new CMSEnvelopedDataGenerator();
      envelope.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(raEncryption));
      byte[] enveloped = envelope.generate(new CMSProcessableByteArray(csr),
          new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).build()).getEncoded();

      byte[] transactionId = new byte[16];
      RANDOM.nextBytes(transactionId);
      byte[] nonce = new byte[16];
      RANDOM.nextBytes(nonce);
      ASN1EncodableVector attributes = new ASN1EncodableVector();
      attributes.add(attribute(ScepAttributes.MESSAGE_TYPE,
          new DERPrintableString(Integer.toString(MessageType.PKCS_REQ.code()))));
      attributes.add(attribute(ScepAttributes.TRANSACTION_ID,
          new DERPrintableString(HexFormat.of().formatHex(transactionId))));
      attributes.add(attribute(ScepAttributes.SENDER_NONCE, new DEROctetString(nonce)));
      CMSSignedDataGenerator signed = new CMSSignedDataGenerator();
      signed.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
          .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
          .build(signer, new X509CertificateHolder(certificate.getEncoded())));
      signed.addCertificate(new X509CertificateHolder(certificate.getEncoded()));
      byte[] message = signed.generate(new org.bouncycastle.cms.CMSProcessableByteArray(enveloped), true).getEncoded();
      return new WarmUpRequest(message, certificate);
    } catch (GeneralSecurityException e) {
      throw e;
    } catch (Exception e) {
      throw new GeneralSecurityException("cannot build the warm-up request: " + e.getMessage(), e);
    }
  }

  private static Attribute attribute(ASN1ObjectIdentifier oid, org.bouncycastle.asn1.ASN1Encodable value) {
    return new Attribute(oid, new DERSet(value));
  }
}
