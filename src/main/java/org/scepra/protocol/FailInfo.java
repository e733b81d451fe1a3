package org.scepra.protocol;

/** SCEP failInfo values (RFC 8894 §3.2.1.4); only these five are defined. */
public enum FailInfo {
  /** Unrecognized or unsupported algorithm. */
  BAD_ALG(0),
  /** Integrity check (signature, decryption) failed. */
  BAD_MESSAGE_CHECK(1),
  /** Transaction not permitted or not supported. */
  BAD_REQUEST(2),
  /** The signingTime attribute was not close enough to the system time. */
  BAD_TIME(3),
  /** No certificate could be identified matching the provided criteria. */
  BAD_CERT_ID(4);

  private final int code;

  FailInfo(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
