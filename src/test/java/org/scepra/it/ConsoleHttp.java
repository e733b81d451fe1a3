package org.scepra.it;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

/** The console over plain HTTP, with or without the browser's session cookie, for what a browser will not send. */
final class ConsoleHttp {
  private static final HttpClient CLIENT = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

  record Answer(int status, java.net.http.HttpHeaders headers, String body) {
    String header(String name) {
      return headers.firstValue(name).orElse("");
    }
  }

  private final URL base;
  private final String cookies;

  ConsoleHttp(URL base, ConsoleBrowser browser) {
    this.base = base;
    this.cookies = browser.driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
        .collect(Collectors.joining("; "));
  }

  /** The server's own origin, as the browser sends it. */
  String origin() {
    return "http://127.0.0.1:" + base.getPort();
  }

  int post(String path, String form, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Deployments.resolve(base, path)))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request).status();
  }

  Answer getAbsolute(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookies).GET());
  }

  static Answer get(URL base, String path, String cookie) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Deployments.resolve(base, path))).GET();
    if (!cookie.isEmpty()) {
      request.header("Cookie", cookie);
    }
    return send(request);
  }

  static Answer signIn(URL base, String user, String password) {
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return send(HttpRequest.newBuilder(URI.create(Deployments.resolve(base, "admin/console/sign-in")))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  private static Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers(), response.body());
    } catch (Exception e) {
      throw new AssertionError("console request failed: " + e, e);
    }
  }

}
