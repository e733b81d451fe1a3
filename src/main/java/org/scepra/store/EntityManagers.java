package org.scepra.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Makes the container-managed persistence context injectable by constructor. */
@ApplicationScoped
public class EntityManagers {

  @Produces
  @PersistenceContext(unitName = "scepra")
  EntityManager entityManager;
}
