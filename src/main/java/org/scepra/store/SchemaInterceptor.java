package org.scepra.store;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Makes sure the tables exist before a repository touches them. Runs before the transaction interceptor
 * (PLATFORM_BEFORE + 200), so a failure here never marks the caller's transaction. If the database is away, the call
 * goes on and fails the way any database outage does (a FAILURE that says so), not with a missing table.
 */
@UsesSchema
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class SchemaInterceptor {

  private final DatabaseSchema schema;

  @Inject
  public SchemaInterceptor(DatabaseSchema schema) {
    this.schema = schema;
  }

  @AroundInvoke
  public Object ensureSchema(InvocationContext invocation) throws Exception {
    if (!schema.installed()) {
      schema.ensure(); // through its NOT_SUPPORTED boundary, which suspends the caller's transaction: only until done
    }
    return invocation.proceed();
  }
}
