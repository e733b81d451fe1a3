package org.scepra.it;

import java.nio.file.Path;
import org.scepra.testkit.intune.IntuneDouble;

/**
 * The Intune double the suite's Intune endpoints ({@code intune}, {@code intunedes} in it-server.properties) are
 * configured with: on 127.0.0.1:{@link #PORT} (it.port.intune), the tenant and app registration of those settings,
 * the client secret the servers get from the environment (pom.xml), and its certificate in the truststore they read.
 */
final class IntuneTenant {
  static final int PORT = Integer.getInteger("it.port.intune", 18447);
  static final String TENANT = "contoso-it.onmicrosoft.com";
  static final String CLIENT_ID = "5d2f6a11-3c7e-4b8a-9e21-7f0c4a6b8d93";
  /** As SCEPRA_ENDPOINT_INTUNE_INTUNE_CLIENT_SECRET in pom.xml; LogSecretsScan looks for it. */
  static final String CLIENT_SECRET = "it-intune-secret-5772";
  static final String TRUSTSTORE_PASSWORD = "it-intune-trust";

  private IntuneTenant() {}

  static IntuneDouble start() throws Exception {
    IntuneDouble intune = IntuneDouble.start(PORT, TENANT, CLIENT_ID, CLIENT_SECRET);
    Path dir = Path.of(System.getProperty("test.data.dir"), "intune");
    intune.writeTruststore(dir.resolve("trust.p12"), TRUSTSTORE_PASSWORD);
    intune.challengeLog = dir.resolve("handed-out.challenges"); // LogSecretsScan looks for each in every log
    return intune;
  }
}
