package org.scepra.store;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Lets the embedded H2 file reuse its space while scepra runs. H2 writes every commit as a new chunk of pages and
 * reuses a chunk's space only once none of its pages is live any more; a background thread moves the last live pages
 * out of old, mostly empty chunks. {@code WRITE_DELAY=0} ({@link EmbeddedH2DataSource}: each commit on disk before
 * the client is answered) also stops that thread, and the file then grew for good, by about 75 KB per enrollment
 * (6.7 GB after 90,000). This does the thread's rewriting, five times a second while anything is written.
 *
 * <p>It holds one connection of its own, so the database stays open between requests (the pool keeps none when
 * idle, and H2 closes a database with its last connection); it is closed when the application stops.
 */
@ApplicationScoped
public class EmbeddedH2Housekeeping {

  /** H2's own thread runs every 166 ms (a third of its default WRITE_DELAY). */
  static final long PERIOD_MILLIS = 200;
  /** A round rewrites only while the chunks together hold less than this share (%) of live bytes. */
  static final int TARGET_FILL_RATE = 80;
  /**
   * Live bytes moved per round at most, so that a round never holds up commits for long. Two minutes into a
   * burst of about 380 enrollments/s, with 1 MiB a second the file still grew by 5-8 MB a second; with 10 MiB a
   * second by 4-5, and then not at all over the next 2,500 enrollments.
   */
  static final int WRITE_LIMIT_BYTES = 2 << 20;
  private static final Logger LOG = Logger.getLogger(EmbeddedH2Housekeeping.class.getName());

  @Resource
  private ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> rounds;
  private Connection connection;
  private boolean warned;
  private boolean stopped;
  /** The store's version after a round that moved nothing; -1 before any. */
  private long quietAtVersion = -1;
  /** Rounds that asked H2 to rewrite, for the tests. */
  int rewriteAttempts;

  /** Only for the embedded default: a server data source (PostgreSQL) reclaims its own space. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    if (ServerDataSource.jndiName().isEmpty()) {
      rounds = scheduler.scheduleWithFixedDelay(this::round, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  synchronized void stop() {
    stopped = true; // a round already waiting for the lock must not open the database again
    if (rounds != null) {
      rounds.cancel(false);
    }
    closeConnection();
  }

  /** One round; a failure is logged once, and the next round starts with a new connection. */
  synchronized void round() {
    if (stopped) {
      return;
    }
    try {
      if (connection == null) {
        connection = new EmbeddedH2DataSource().getConnection();
      }
      MVStore store = mvStore(connection);
      // Nothing written since a round that found nothing to move: skip. Looking costs a pass over every chunk,
      // 0.7-1.7 % of a core at five rounds a second on an idle server with a 17 GB file; 0.1 % with this check.
      if (store.getCurrentVersion() != quietAtVersion) {
        rewriteAttempts++;
        if (!rewriteSparseChunks(store)) {
          quietAtVersion = store.getCurrentVersion();
        }
      }
      warned = false;
    } catch (SQLException | RuntimeException e) {
      if (!warned) {
        LOG.warning("embedded database housekeeping failed, retried at the next round: " + e);
        warned = true;
      }
      closeConnection();
    }
  }

  /**
   * Moves the live pages of mostly empty chunks (older than H2's retention time, 45 s) into a new one, so the old
   * ones die and their space is reused. True if anything was moved.
   */
  static boolean rewriteSparseChunks(MVStore store) {
    return store.compact(TARGET_FILL_RATE, WRITE_LIMIT_BYTES);
  }

  /** H2's store behind an embedded connection (public classes of H2's engine, not its documented API). */
  static MVStore mvStore(Connection connection) throws SQLException {
    return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession())
        .getDatabase().getStore().getMvStore();
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing after a failure: nothing left to do
      }
      connection = null;
    }
  }
}
