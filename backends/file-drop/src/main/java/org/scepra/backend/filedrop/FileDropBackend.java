package org.scepra.backend.filedrop;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.Config;
import org.scepra.spi.Backend;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.CaBackend;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;
import org.scepra.spi.PendingPoller;

/**
 * An offline CA behind a folder queue: requests are written into an outbox for the CA's operators
 * or scripts, and their answers are picked up from an inbox when the device polls. Every request is
 * PENDING first; nothing here waits for the CA.
 *
 * <p>Each endpoint has its own folders under {@code scepra.endpoint.<alias>.file-drop.*}, read on
 * first use: a misconfigured endpoint reports DOWN and refuses with CA_UNAVAILABLE, without
 * affecting the others. The contract with the CA side is in {@code backends/file-drop/README.md}.
 */
@ApplicationScoped
@Backend(FileDropBackend.NAME)
public class FileDropBackend implements CaBackend, PendingPoller {

  public static final String NAME = "file-drop";

  private static final System.Logger LOG = System.getLogger(FileDropBackend.class.getName());

  private final Config config;
  private final Clock clock;

  /** Only endpoints whose configuration parsed; a broken one is parsed again on every call. */
  private final ConcurrentMap<String, FileDropQueue> queues = new ConcurrentHashMap<>();

  @Inject
  public FileDropBackend(Config config) {
    this(config, Clock.systemUTC());
  }

  FileDropBackend(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** For CDI's client proxy only. */
  protected FileDropBackend() {
    this.config = null;
    this.clock = null;
  }

  @Override
  public IssueResult issue(IssueRequest request) {
    try {
      return queue(request.endpointAlias()).submit(request);
    } catch (IllegalArgumentException e) {
      return misconfigured(e);
    }
  }

  @Override
  public IssueResult poll(IssueRequest request, String reference) {
    try {
      return queue(request.endpointAlias()).answer(request, reference);
    } catch (IllegalArgumentException e) {
      return misconfigured(e);
    }
  }

  @Override
  public void settled(IssueRequest request, String reference) {
    queue(request.endpointAlias()).settle(reference);
  }

  /**
   * @throws IllegalStateException if the endpoint is misconfigured or its {@code ca-certificate}
   *     cannot be read; the message says which
   */
  @Override
  public List<X509Certificate> caChain(String endpointAlias) {
    try {
      return queue(endpointAlias).caChain();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public BackendHealth health(String endpointAlias) {
    try {
      return queue(endpointAlias).health();
    } catch (RuntimeException e) {
      return BackendHealth.down(String.valueOf(e.getMessage()));
    }
  }

  private FileDropQueue queue(String alias) {
    return queues.computeIfAbsent(
        alias, a -> new FileDropQueue(FileDropSettings.from(config, a), clock));
  }

  private static IssueResult misconfigured(IllegalArgumentException e) {
    LOG.log(Level.ERROR, "file-drop backend misconfigured: " + e.getMessage());
    return new IssueResult.Rejected(IssueResult.Reason.CA_UNAVAILABLE, FileDropQueue.UNAVAILABLE);
  }
}
