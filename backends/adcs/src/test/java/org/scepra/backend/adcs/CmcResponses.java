package org.scepra.backend.adcs;

import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cmc.BodyPartID;
import org.bouncycastle.asn1.cmc.CMCObjectIdentifiers;
import org.bouncycastle.asn1.cmc.CMCStatus;
import org.bouncycastle.asn1.cmc.CMCStatusInfoBuilder;
import org.bouncycastle.asn1.cmc.TaggedAttribute;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The CMC full PKI response (RFC 5272 PKIResponse in a SignedData, signed by the CA) that CES puts
 * beside every answer: status success with the certificates, or pending.
 */
final class CmcResponses {

  private final CesPki pki;

  CmcResponses(CesPki pki) {
    this.pki = pki;
  }

  byte[] success(List<X509Certificate> certificates, int requestId) throws Exception {
    return signed(CMCStatus.success, certificates, requestId);
  }

  byte[] pending(List<X509Certificate> certificates, int requestId) throws Exception {
    return signed(CMCStatus.pending, certificates, requestId);
  }

  private byte[] signed(CMCStatus status, List<X509Certificate> certificates, int requestId) throws Exception {
    BodyPartID bodyPart = new BodyPartID(requestId);
    TaggedAttribute statusInfo = new TaggedAttribute(new BodyPartID(1), CMCObjectIdentifiers.id_cmc_statusInfo,
        new DERSet(new CMCStatusInfoBuilder(status, bodyPart).build()));
    byte[] pkiResponse = new DERSequence(new ASN1Encodable[] {
        new DERSequence(statusInfo), new DERSequence(), new DERSequence()}).getEncoded();
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pki.issuingKeys.getPrivate()), pki.issuing));
    generator.addCertificates(new JcaCertStore(certificates));
    return generator.generate(new CMSProcessableByteArray(CMCObjectIdentifiers.id_cct_PKIResponse, pkiResponse), true)
        .getEncoded();
  }
}
