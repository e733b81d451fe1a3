package org.scepra.store;

import org.hibernate.dialect.DialectDelegateWrapper;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.PostgreSQLDialect;

/**
 * Hibernate's (WildFly's) dialect for scepra, chosen without connecting: H2 for the embedded database, PostgreSQL when
 * {@code scepra.datasource} names a server data source. Hibernate would otherwise open a connection at deployment to
 * ask the database what it is, and fail the deployment when it is away (see {@link DatabaseSchema}). Set in
 * persistence.xml as {@code hibernate.dialect}, with JDBC metadata access at boot turned off; EclipseLink ignores it.
 */
public class ScepraHibernateDialect extends DialectDelegateWrapper {

  public ScepraHibernateDialect() {
    super(ServerDataSource.jndiName().isPresent() ? new PostgreSQLDialect() : new H2Dialect());
  }
}
