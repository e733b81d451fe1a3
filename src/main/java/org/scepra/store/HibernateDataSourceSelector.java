package org.scepra.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.service.UnknownUnwrapTypeException;
import org.hibernate.service.spi.Configurable;

/**
 * Hibernate's (WildFly's) connection provider for scepra: the server data source named by {@code scepra.datasource},
 * else the persistence unit's own (the embedded H2). Set in persistence.xml as {@code hibernate.connection.provider_class};
 * EclipseLink ignores it. See {@link ServerDataSource}.
 */
public class HibernateDataSourceSelector implements ConnectionProvider, Configurable {

  private static final Logger LOG = Logger.getLogger(HibernateDataSourceSelector.class.getName());
  // where Hibernate hands over the persistence unit's data source (its own key and the JPA ones)
  private static final List<String> UNIT_DATA_SOURCE_KEYS = List.of(
      "hibernate.connection.datasource", "jakarta.persistence.jtaDataSource", "javax.persistence.jtaDataSource");

  private DataSource dataSource;

  @Override
  public void configure(Map<String, Object> settings) {
    var configured = ServerDataSource.jndiName();
    if (configured.isPresent()) {
      dataSource = ServerDataSource.lookup(configured.get());
      LOG.info("scepra stores its data in the server data source " + configured.get());
      return;
    }
    for (String key : UNIT_DATA_SOURCE_KEYS) {
      Object value = settings.get(key);
      if (value instanceof DataSource unitDataSource) {
        dataSource = unitDataSource;
        return;
      }
      if (value instanceof String jndiName && !jndiName.isBlank()) {
        dataSource = ServerDataSource.lookup(jndiName);
        return;
      }
    }
    throw new IllegalStateException("the persistence unit has no data source and " + ServerDataSource.PROPERTY
        + " is not set");
  }

  @Override
  public Connection getConnection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void closeConnection(Connection connection) throws SQLException {
    connection.close();
  }

  /** Connections come from a JTA-aware pool: Hibernate may release them after each statement. */
  @Override
  public boolean supportsAggressiveRelease() {
    return true;
  }

  @Override
  public boolean isUnwrappableAs(Class<?> type) {
    return type.isInstance(this) || type.isInstance(dataSource);
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    if (type.isInstance(dataSource)) {
      return type.cast(dataSource);
    }
    throw new UnknownUnwrapTypeException(type);
  }
}
