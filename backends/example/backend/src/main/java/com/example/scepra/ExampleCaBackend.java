package com.example.scepra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.scepra.spi.Backend;
import org.scepra.spi.BackendHealth;
import org.scepra.spi.CaBackend;
import org.scepra.spi.IssueRequest;
import org.scepra.spi.IssueResult;

/**
 * An example of a third-party CA backend, built against {@code org.scepra:scepra-spi} alone: endpoints with
 * {@code scepra.endpoint.<alias>.backend=example} get their certificates from a CA whose key lives in memory (a new
 * CA at every start). It shows the shape of a backend (one CDI bean, qualified by its name, settings read per
 * endpoint, answers as {@link IssueResult}s); it is not a CA to run in production.
 *
 * <p>Setting: {@code scepra.endpoint.<alias>.example.max-validity-hours} (default 24) caps the validity scepra's
 * profile asks for.
 */
@ApplicationScoped
@Backend(ExampleCaBackend.NAME)
public class ExampleCaBackend implements CaBackend {
  public static final String NAME = "example";

  private Config config;
  private ExampleCa ca;

  /** For CDI's client proxy only. */
  protected ExampleCaBackend() {}

  @Inject
  public ExampleCaBackend(Config config) {
    this.config = config;
    this.ca = new ExampleCa("CN=Example CA (in memory),O=Example Org");
  }

  @Override
  public IssueResult issue(IssueRequest request) {
    int maxHours = config.getOptionalValue("scepra.endpoint." + request.endpointAlias() + ".example.max-validity-hours",
        Integer.class).orElse(24);
    return ca.issue(request.csr(), request.profile(), maxHours);
  }

  @Override
  public List<X509Certificate> caChain(String endpointAlias) {
    return List.of(ca.certificate());
  }

  @Override
  public BackendHealth health(String endpointAlias) {
    return BackendHealth.up("example CA " + ca.certificate().getSubjectX500Principal().getName()
        + " (in memory)");
  }
}
