package org.scepra.backend.ejbca;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/**
 * EJBCA's end-entity record ({@code userDataVOWS}), limited to the fields scepra sets. Field order
 * is EJBCA's; child elements are unqualified. No {@code toString()}: it carries the enrolment
 * password.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(
    name = "userDataVOWS",
    namespace = EjbcaWs.NAMESPACE,
    propOrder = {
      "username",
      "password",
      "clearPwd",
      "subjectDN",
      "caName",
      "subjectAltName",
      "email",
      "status",
      "tokenType",
      "sendNotification",
      "keyRecoverable",
      "endEntityProfileName",
      "certificateProfileName"
    })
public class UserDataVOWS {

  /** End-entity status NEW: ready for one certificate request. */
  public static final int STATUS_NEW = 10;

  /** The key pair is the requester's own; EJBCA only signs the CSR. */
  public static final String TOKEN_USERGENERATED = "USERGENERATED";

  public String username;
  public String password;
  public boolean clearPwd;
  public String subjectDN;
  public String caName;
  public String subjectAltName;
  public String email;
  public int status;
  public String tokenType;
  public boolean sendNotification;
  public boolean keyRecoverable;
  public String endEntityProfileName;
  public String certificateProfileName;
}
