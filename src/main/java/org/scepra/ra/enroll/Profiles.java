package org.scepra.ra.enroll;

import java.util.List;
import java.util.Set;
import org.scepra.ra.endpoint.EndpointSettings;
import org.scepra.spi.CertificateProfile;
import org.scepra.spi.CertificateProfile.KeyUsage;

/** The certificate profile an endpoint issues with. */
public final class Profiles {
  /** id-kp-clientAuth: what SCEP-enrolled devices mostly use their certificate for. */
  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private Profiles() {}

  /** The profile a transaction was recorded with. */
  public static CertificateProfile named(String name, EndpointSettings endpoint) {
    return generalPurpose(endpoint);
  }

  /** General purpose (NDES's GeneralPurposeTemplate): signing and key encipherment, clientAuth. */
  public static CertificateProfile generalPurpose(EndpointSettings endpoint) {
    return new CertificateProfile(
        "general-purpose",
        Set.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT),
        List.of(CLIENT_AUTH),
        endpoint.validity());
  }
}
