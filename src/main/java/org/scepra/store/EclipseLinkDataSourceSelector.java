package org.scepra.store;

import java.util.logging.Logger;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.platform.database.PostgreSQLPlatform;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Login;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * EclipseLink's (Payara's) side of {@link ServerDataSource}: when {@code scepra.datasource} names a server data
 * source, the session connects through it instead of the persistence unit's embedded H2, as PostgreSQL. Set in
 * persistence.xml as {@code eclipselink.session.customizer}; Hibernate ignores it. Runs before the session logs in.
 *
 * <p>The platform is set here rather than detected, because detection needs a connection while the application
 * deploys (persistence.xml names H2's, for the embedded default, which also turns detection off); and the connector
 * lets the login pass while the database is away ({@link StartupTolerantConnector}).
 */
public class EclipseLinkDataSourceSelector implements SessionCustomizer {

  private static final Logger LOG = Logger.getLogger(EclipseLinkDataSourceSelector.class.getName());

  @Override
  public void customize(Session session) {
    ServerDataSource.jndiName().ifPresent(name -> {
      // looked up now so that a wrong name fails the deployment, not the first enrollment
      StartupTolerantConnector connector = new StartupTolerantConnector(ServerDataSource.lookup(name), name);
      redirect(session.getDatasourceLogin(), connector);
      if (session instanceof ServerSession server && server.getReadConnectionPool() != null) {
        redirect(server.getReadConnectionPool().getLogin(), connector);
      }
      session.getEventManager().addListener(new SessionEventAdapter() {
        @Override
        public void postLogin(SessionEvent event) {
          connector.loginCompleted();
        }
      });
      LOG.info("scepra stores its data in the server data source " + name);
    });
  }

  private static void redirect(Login login, StartupTolerantConnector connector) {
    if (login instanceof DatabaseLogin database) {
      database.setConnector(connector);
      // usePlatform, not setPlatform: it carries over the sequences the entities' @SequenceGenerator declared
      database.usePlatform(new PostgreSQLPlatform());
    }
  }
}
