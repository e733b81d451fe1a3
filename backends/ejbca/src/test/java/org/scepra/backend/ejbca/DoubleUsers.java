package org.scepra.backend.ejbca;

/** The end entities the EJBCA double keeps: copies of what editUser sent, as EJBCA stores them. */
final class DoubleUsers {

  private DoubleUsers() {}

  /** EJBCA stores the end entity; later changes to what was sent must not show in it. */
  static UserDataVOWS copy(UserDataVOWS user) {
    UserDataVOWS copy = new UserDataVOWS();
    copy.username = user.username;
    copy.password = user.password;
    copy.clearPwd = user.clearPwd;
    copy.subjectDN = user.subjectDN;
    copy.subjectAltName = user.subjectAltName;
    copy.caName = user.caName;
    copy.status = user.status;
    copy.tokenType = user.tokenType;
    copy.endEntityProfileName = user.endEntityProfileName;
    copy.certificateProfileName = user.certificateProfileName;
    return copy;
  }

  /** What EJBCA keeps of an editUser: a copy with the subject DN in EJBCA's order. */
  static UserDataVOWS stored(UserDataVOWS user) {
    UserDataVOWS stored = copy(user);
    stored.subjectDN = DoubleNames.normalized(user.subjectDN);
    return stored;
  }

  /** What findUser shows: never the password; no altName is an empty one (see the capture findUser.xml). */
  static UserDataVOWS withoutPassword(UserDataVOWS user) {
    UserDataVOWS shown = copy(user);
    shown.password = null;
    shown.subjectAltName = user.subjectAltName == null ? "" : user.subjectAltName;
    return shown;
  }
}
