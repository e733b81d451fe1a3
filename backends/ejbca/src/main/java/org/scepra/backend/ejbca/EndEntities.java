package org.scepra.backend.ejbca;

import java.security.SecureRandom;
import java.util.Base64;
import org.scepra.spi.IssueRequest;

/** Builds the end entity that editUser creates or resets for one enrolment. */
final class EndEntities {

  private static final SecureRandom RANDOM = new SecureRandom();

  private EndEntities() {}

  /**
   * A fresh enrolment secret: 144 random bits, URL-safe base64 so that no end entity profile
   * character rule trips over it. Used once, by the pkcs10Request that follows.
   */
  static String oneTimePassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Status NEW with a new password makes the end entity ready for exactly one certificate; the
   * password is stored hashed (clearPwd false); EJBCA sends no mail and keeps no key (the device
   * made its own key pair).
   */
  static UserDataVOWS user(
      EjbcaSettings settings, IssueRequest request, String username, String password, String altNames) {
    UserDataVOWS user = new UserDataVOWS();
    user.username = username;
    user.password = password;
    user.clearPwd = false;
    user.subjectDN = request.csr().getSubject().toString();
    user.caName = settings.caName();
    user.subjectAltName = altNames.isEmpty() ? null : altNames;
    user.status = UserDataVOWS.STATUS_NEW;
    user.tokenType = UserDataVOWS.TOKEN_USERGENERATED;
    user.sendNotification = false;
    user.keyRecoverable = false;
    user.endEntityProfileName = settings.endEntityProfile();
    user.certificateProfileName = settings.profiles().forProfile(request.profile().name());
    return user;
  }
}
