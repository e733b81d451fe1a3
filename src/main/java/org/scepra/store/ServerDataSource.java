package org.scepra.store;

import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The server's data source that scepra stores its data in instead of the embedded H2 file, when an administrator
 * names one: {@code scepra.datasource} (system property, or environment variable {@code SCEPRA_DATASOURCE}) holds its
 * JNDI name, e.g. {@code java:jboss/datasources/scepra} (WildFly) or {@code jdbc/scepra} (Payara).
 *
 * <p>Why not simply a {@code <jta-data-source>} the administrator edits: the WAR is the same everywhere, and neither
 * server substitutes properties in persistence.xml with its default settings. So persistence.xml names the embedded
 * H2 data source (always there), and each JPA provider is told through its own documented hook to use the named
 * server data source instead ({@link HibernateDataSourceSelector}, {@link EclipseLinkDataSourceSelector}). Those
 * data sources are the server's managed, JTA-enlisted pools, so transactions behave exactly as with the element.
 */
public final class ServerDataSource {

  public static final String PROPERTY = "scepra.datasource";
  private static final String ENVIRONMENT = "SCEPRA_DATASOURCE";

  private ServerDataSource() {}

  /** The configured JNDI name; empty for the embedded default. Same resolution order as MicroProfile Config. */
  public static Optional<String> jndiName() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv(ENVIRONMENT);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** Looks the named data source up; a wrong name stops the deployment with a message that says which key to fix. */
  static DataSource lookup(String jndiName) {
    try {
      Object found = new InitialContext().lookup(jndiName);
      if (found instanceof DataSource dataSource) {
        return dataSource;
      }
      throw new IllegalStateException(PROPERTY + "=" + jndiName + " names a " + found.getClass().getName()
          + ", not a javax.sql.DataSource");
    } catch (NamingException e) {
      throw new IllegalStateException(PROPERTY + "=" + jndiName + ": no such data source in the server ("
          + e.getMessage() + ")", e);
    }
  }
}
