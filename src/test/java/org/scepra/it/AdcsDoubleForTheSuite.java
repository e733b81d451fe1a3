package org.scepra.it;

import java.nio.file.Path;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeStart;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.scepra.backend.adcs.StandaloneCesDouble;

/**
 * Arquillian extension (META-INF/services): starts the AD CS double (src/test/server/it-server.properties: endpoints
 * {@code adcs} and {@code adcsuser}, 127.0.0.1:it.port.adcs) once per test JVM, before the first server starts or
 * the WAR is deployed. An adcs endpoint has AD CS issue its RA certificates when the WAR is deployed, so the double
 * must already answer then, for every test class of the suite, not only for {@link AdcsIT}.
 */
public class AdcsDoubleForTheSuite implements LoadableExtension {

  static final int PORT = Integer.getInteger("it.port.adcs", 18445);
  /** As in pom.xml (failsafe environmentVariables). */
  static final String USER_PASSWORD = "it-adcs-user-pw-5";
  static final String KEYSTORE_PASSWORD = "it-adcs-ra";
  static final String TRUSTSTORE_PASSWORD = "it-adcs-trust";

  private static StandaloneCesDouble running;

  /** The suite's double, started if it is not yet. */
  static synchronized StandaloneCesDouble double_() {
    if (running == null) {
      Path dir = Path.of(System.getProperty("test.data.dir"), "adcs");
      try {
        running = StandaloneCesDouble.start(PORT, USER_PASSWORD, dir.resolve("ra-client.p12"), KEYSTORE_PASSWORD,
            dir.resolve("trust.p12"), TRUSTSTORE_PASSWORD);
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the AD CS double on 127.0.0.1:" + PORT, e);
      }
    }
    return running;
  }

  @Override
  public void register(ExtensionBuilder builder) {
    builder.observer(Starter.class);
  }

  public static class Starter {
    public void beforeStart(@Observes BeforeStart event) {
      double_();
    }

    public void beforeDeploy(@Observes BeforeDeploy event) {
      double_();
    }
  }
}
