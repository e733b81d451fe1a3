package org.scepra.it;

import org.jboss.arquillian.container.spi.event.container.BeforeUnDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Arquillian extension (META-INF/services): when a test class's deployment is undeployed, stop any server JVM that
 * {@link ServerReload} started in place of the container adapter's own (Payara Micro), so that the next test class
 * starts on a free port and an unlocked database. Nothing to do on WildFly.
 */
public class RestartedServers implements LoadableExtension {

  @Override
  public void register(ExtensionBuilder builder) {
    builder.observer(Stopper.class);
  }

  public static class Stopper {
    public void stopBeforeUndeploy(@Observes BeforeUnDeploy event) {
      ServerReload.stopServersStartedHere();
    }
  }
}
