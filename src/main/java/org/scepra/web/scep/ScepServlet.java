package org.scepra.web.scep;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.scepra.protocol.Capability;
import org.scepra.protocol.MalformedMessageException;
import org.scepra.ra.PkiOperations;
import org.scepra.ra.audit.AuditLog;
import org.scepra.ra.endpoint.Endpoint;
import org.scepra.ra.endpoint.EndpointState;
import org.scepra.ra.endpoint.Endpoints;

/**
 * The SCEP HTTP binding (RFC 8894 §4): parses the operation, hands PKIOperation to the RA, writes
 * the answer with its content type. Input that cannot be addressed gets HTTP 4xx with a short plain
 * reason; anything decodable is answered by the RA with a signed CertRep.
 */
@WebServlet(name = "scep", asyncSupported = true, urlPatterns = {
    "/scep", "/scep/*", "/cgi-bin/pkiclient.exe", "/certsrv/mscep/mscep.dll", "/certsrv/mscep/mscep.dll/*"})
public class ScepServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(ScepServlet.class.getName());

  private transient Endpoints endpoints;
  private transient PkiOperations operations;
  private transient NotServing notServing;

  @Inject
  void wire(Endpoints endpoints, PkiOperations operations, AuditLog audit) {
    this.endpoints = endpoints;
    this.operations = operations;
    this.notServing = new NotServing(audit);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    serve(request, response, false);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    serve(request, response, true);
  }

  /**
   * SCEP has GET and POST only (HEAD follows GET). Everything else, TRACE and OPTIONS included, gets a short plain
   * 405 here instead of the container's HTML page (which would also echo a TRACE request back).
   */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws jakarta.servlet.ServletException, IOException {
    switch (request.getMethod()) {
      case "GET", "POST", "HEAD" -> super.service(request, response);
      default -> {
        response.setHeader("Allow", "GET, POST, HEAD");
        new ScepResponses(request, response).plain(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "SCEP uses GET and POST");
      }
    }
  }

  private void serve(HttpServletRequest request, HttpServletResponse response, boolean post) throws IOException {
    ScepResponses out = new ScepResponses(request, response);
    Optional<Endpoint> endpoint = ScepPaths.alias(request, endpoints.compatAlias()).flatMap(endpoints::find);
    if (endpoint.isEmpty()) {
      out.plain(HttpServletResponse.SC_NOT_FOUND, "no SCEP endpoint at this path");
      return;
    }
    QueryParameters query = QueryParameters.parse(request.getQueryString());
    String operation = query.get("operation").orElse("");
    if (endpoint.get().state() instanceof EndpointState.Unavailable unavailable) {
      notServing.answer(endpoint.get(), unavailable, operation, out);
      return;
    }
    try {
      switch (operation) {
        case "GetCACaps" -> out.text(endpoint.get().capabilities().stream()
            .map(Capability::keyword).collect(Collectors.joining("\n", "", "\n")));
        case "GetCACert" -> caCertificates(endpoint.get(), out);
        case "GetNextCACert" -> nextCaCertificates(endpoint.get(), out);
        case "PKIOperation" -> pkiOperation(request, endpoint.get(), query, post, out);
        case "" -> out.plain(HttpServletResponse.SC_BAD_REQUEST, "missing operation parameter");
        default -> out.plain(HttpServletResponse.SC_BAD_REQUEST, "unknown operation");
      }
    } catch (MalformedMessageException e) {
      out.plain(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
    } catch (RuntimeException e) {
      // Our fault, not the client's: log it with its cause, answer without details.
      LOG.log(Level.SEVERE, "SCEP " + operation + " failed on endpoint " + endpoint.get().alias(), e);
      out.plain(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "internal error");
    }
  }

  /** A CA that cannot give its chain right now is a temporary condition, not a server fault. */
  private static void caCertificates(Endpoint endpoint, ScepResponses out) throws IOException {
    byte[] certificates;
    try {
      certificates = endpoint.caCertificatesMessage();
    } catch (RuntimeException e) {
      LOG.warning("GetCACert on endpoint " + endpoint.alias() + ": the CA chain is unavailable: " + e.getMessage());
      out.unavailable("the CA is unavailable, try again later", ScepResponses.DEFAULT_RETRY_AFTER_SECONDS);
      return;
    }
    out.binary(ScepResponses.CA_RA_CERT, certificates);
  }

  /** RFC 8894 §4.7: 404 while no rollover is announced, 503 while the CA cannot say. */
  private static void nextCaCertificates(Endpoint endpoint, ScepResponses out) throws IOException {
    Optional<byte[]> next;
    try {
      next = endpoint.nextCaCertificatesMessage();
    } catch (RuntimeException e) {
      LOG.warning("GetNextCACert on endpoint " + endpoint.alias() + ": the CA is unavailable: " + e.getMessage());
      out.unavailable("the CA is unavailable, try again later", ScepResponses.DEFAULT_RETRY_AFTER_SECONDS);
      return;
    }
    if (next.isEmpty()) {
      out.plain(HttpServletResponse.SC_NOT_FOUND, "no rollover CA certificate is available");
      return;
    }
    out.binary(ScepResponses.NEXT_CA_CERT, next.get());
  }

  private void pkiOperation(HttpServletRequest request, Endpoint endpoint, QueryParameters query, boolean post,
      ScepResponses out) throws IOException, MalformedMessageException {
    Optional<byte[]> message;
    if (post) {
      message = RequestBody.read(request);
      if (message.isEmpty()) {
        out.refuseUnread(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "message exceeds " + RequestBody.LIMIT + " bytes");
        return;
      }
    } else {
      String text = query.get("message").orElseThrow(() -> new MalformedMessageException("missing message parameter"));
      message = MessageParameter.decode(text);
      if (message.isEmpty()) {
        throw new MalformedMessageException("message parameter is not base64");
      }
    }
    out.pkiMessage(operations.handle(endpoint, message.get(), request.getRemoteAddr()));
  }
}
