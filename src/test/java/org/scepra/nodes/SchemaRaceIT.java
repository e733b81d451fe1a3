package org.scepra.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.scepra.store.DatabaseSchema;

/**
 * Several nodes creating scepra's schema at the same moment on an empty PostgreSQL (as two nodes deploying together
 * do): every one of them must succeed. Without DatabaseSchema's advisory lock, PostgreSQL's CREATE ... IF NOT EXISTS
 * lets two sessions both find no table and one of them fail on a catalogue constraint.
 */
class SchemaRaceIT {
  static final int NODES = 6;
  static final int ROUNDS = 15;

  @Test
  void nodesCreatingTheSchemaAtOnceAllSucceed() throws Exception {
    WildFlyNode.assumeNodesExecution();
    ExecutorService pool = Executors.newFixedThreadPool(NODES);
    try {
      for (int round = 1; round <= ROUNDS; round++) {
        Postgres.reset();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> nodes = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
          Connection connection = DriverManager.getConnection(Postgres.url(), Postgres.user(), Postgres.password());
          nodes.add(pool.submit(() -> {
            try (connection) {
              start.await();
              DatabaseSchema.install(connection);
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> node : nodes) {
          node.get(60, TimeUnit.SECONDS); // rethrows a node's failure
        }
        assertEquals(4, Postgres.count("SELECT count(*) FROM information_schema.tables WHERE table_name IN "
            + "('scepra_transaction', 'scepra_certificate', 'scepra_challenge', 'scepra_lockout')"), "round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
