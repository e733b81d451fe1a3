package org.scepra.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Calls the admin API as a given server user (or anonymously), always on 127.0.0.1. */
public record AdminClient(URL base, String user, String password) {
  public static final String OPERATOR = "it-operator";
  public static final String OPERATOR_PASSWORD = "it-operator-pw-1";

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(10)).build();

  public static AdminClient operator(URL base) {
    return new AdminClient(base, OPERATOR, OPERATOR_PASSWORD);
  }

  public record Reply(int status, String body) {}

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Reply post(String path, String json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
  }

  /** A POST with the given Content-Type and extra headers (e.g. a forged browser form's Origin). */
  public Reply postAs(String path, String contentType, String body, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return send(builder);
  }

  private URI uri(String path) {
    return URI.create(Deployments.resolve(base, "admin/" + path));
  }

  private Reply send(HttpRequest.Builder builder) {
    if (user != null) {
      builder.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    HttpRequest request = builder.timeout(Duration.ofSeconds(60)).build();
    try {
      HttpResponse<String> response;
      try {
        response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
          throw e;
        }
        // Twice in the whole Payara Micro suite (never alone), the first admin call after a Micro started had its
        // connection closed with no answer at all; not root-caused. Such a call is sent once more, on a new
        // connection; a second silent close fails the test. Said on the test's output, so a CI log shows whether it
        // was needed.
        System.err.println("AdminClient: " + request.method() + " " + request.uri() + " got no answer (" + e
            + "); sending it once more");
        response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      }
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new AssertionError("admin call failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
