package org.scepra.store;

import java.util.logging.Logger;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Login;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * EclipseLink's (Payara's) side of {@link ServerDataSource}: when {@code scepra.datasource} names a server data
 * source, the session connects through it instead of the persistence unit's embedded H2. Set in persistence.xml as
 * {@code eclipselink.session.customizer}; Hibernate ignores it. Runs before the session logs in, so the database
 * platform is detected on the configured database.
 */
public class EclipseLinkDataSourceSelector implements SessionCustomizer {

  private static final Logger LOG = Logger.getLogger(EclipseLinkDataSourceSelector.class.getName());

  @Override
  public void customize(Session session) {
    ServerDataSource.jndiName().ifPresent(name -> {
      // looked up now so that a wrong name fails the deployment, not the first enrollment
      JNDIConnector connector = new JNDIConnector(ServerDataSource.lookup(name));
      redirect(session.getDatasourceLogin(), connector);
      if (session instanceof ServerSession server && server.getReadConnectionPool() != null) {
        redirect(server.getReadConnectionPool().getLogin(), connector);
      }
      LOG.info("scepra stores its data in the server data source " + name);
    });
  }

  private static void redirect(Login login, JNDIConnector connector) {
    if (login instanceof DatabaseLogin database) {
      database.setConnector(connector);
    }
  }
}
