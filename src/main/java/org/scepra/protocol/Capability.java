package org.scepra.protocol;

/** GetCACaps keywords (RFC 8894 §3.5.2); {@link #keyword()} is the exact, case-sensitive text. */
public enum Capability {
  AES("AES"),
  DES3("DES3"),
  GET_NEXT_CA_CERT("GetNextCACert"),
  POST_PKI_OPERATION("POSTPKIOperation"),
  RENEWAL("Renewal"),
  SHA_1("SHA-1"),
  SHA_256("SHA-256"),
  SHA_512("SHA-512"),
  SCEP_STANDARD("SCEPStandard");

  private final String keyword;

  Capability(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }
}
