package org.scepra.nodes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** scepra's admin API on a node's HTTPS listener, called as a given user (or anonymously, {@code user} null). */
record HttpsAdmin(HttpClient client, int port) {

  HttpResponse<String> send(String method, String path, String user, String password) throws Exception {
    boolean post = method.equals("POST");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/admin/" + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, post ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
    if (post) {
      request.header("Content-Type", "application/json");
    }
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
