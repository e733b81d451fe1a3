package org.scepra.protocol;

import java.util.Objects;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** The decrypted content of a SCEP request, one record per messageType (RFC 8894 §3.3). */
public sealed interface PkiMessage {

  MessageType type();

  /** PKCSReq (19): enrol with a CSR, its self-signature verified. */
  record PkcsReq(PKCS10CertificationRequest csr) implements PkiMessage {
    public PkcsReq {
      Objects.requireNonNull(csr, "csr");
    }

    @Override
    public MessageType type() {
      return MessageType.PKCS_REQ;
    }
  }

  /** RenewalReq (17): a CSR signed (outer SignedData) with the certificate being renewed. */
  record RenewalReq(PKCS10CertificationRequest csr) implements PkiMessage {
    public RenewalReq {
      Objects.requireNonNull(csr, "csr");
    }

    @Override
    public MessageType type() {
      return MessageType.RENEWAL_REQ;
    }
  }

  /** CertPoll / GetCertInitial (20): IssuerAndSubject of a pending request. */
  record CertPoll(X500Name issuer, X500Name subject) implements PkiMessage {
    public CertPoll {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(subject, "subject");
    }

    @Override
    public MessageType type() {
      return MessageType.CERT_POLL;
    }
  }

  /** GetCert (21): a certificate by issuer and serial number. */
  record GetCert(IssuerAndSerialNumber issuerAndSerial) implements PkiMessage {
    public GetCert {
      Objects.requireNonNull(issuerAndSerial, "issuerAndSerial");
    }

    @Override
    public MessageType type() {
      return MessageType.GET_CERT;
    }
  }

  /** GetCRL (22): the CRL for the certificate identified by issuer and serial number. */
  record GetCrl(IssuerAndSerialNumber issuerAndSerial) implements PkiMessage {
    public GetCrl {
      Objects.requireNonNull(issuerAndSerial, "issuerAndSerial");
    }

    @Override
    public MessageType type() {
      return MessageType.GET_CRL;
    }
  }
}
