package org.scepra.spi;

/**
 * Optional: a backend that maps scepra's profile names onto settings of its own (EJBCA's certificate
 * profiles) names the setting that decides what it issues for a profile, so that the RA can tell an
 * operator what to change when, say, the RA certificates it issued carry the wrong key usages.
 */
public interface ProfileMapping {

  /**
   * A short text for operators naming the setting, e.g. {@code EJBCA certificate profile ENDUSER
   * (scepra.endpoint.lab.ejbca.certificate-profile.ra-signing)}; never a secret.
   *
   * @param profileName scepra's profile name, e.g. {@code ra-signing}
   */
  String settingFor(String endpointAlias, String profileName);
}
