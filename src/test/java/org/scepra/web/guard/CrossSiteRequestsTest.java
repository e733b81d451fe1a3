package org.scepra.web.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrossSiteRequestsTest {

  @ParameterizedTest(name = "Origin {0}, Sec-Fetch-Site {1}, Host {2}: refused {3}")
  @CsvSource(nullValues = "-", value = {
      // scripts send neither header
      "-, -, scepra.example:8443, false",
      // the console's own requests
      "https://scepra.example:8443, same-origin, scepra.example:8443, false",
      "http://127.0.0.1:9380, -, 127.0.0.1:9380, false",
      "HTTPS://SCEPRA.example, -, scepra.example, false",
      // a TLS-terminating proxy: the browser says https://host, scepra sees Host: host
      "https://scepra.example, -, scepra.example, false",
      "-, none, scepra.example, false",
      // another site, or another port on the same host
      "https://evil.example, -, scepra.example, true",
      "https://evil.example, cross-site, scepra.example, true",
      "http://127.0.0.1:18745, same-site, 127.0.0.1:9380, true",
      "http://127.0.0.1:18745, -, 127.0.0.1:9380, true",
      "-, cross-site, scepra.example, true",
      "-, same-site, scepra.example, true",
      // sandboxed frames and redirects send the opaque origin
      "null, -, scepra.example, true",
      "https://scepra.example.evil.example, -, scepra.example, true",
      "https://scepra.example/path, -, scepra.example, true",
      "not a url, -, scepra.example, true",
      "https://scepra.example, -, -, true",
  })
  void refusesWhatAnotherSiteSent(String origin, String secFetchSite, String host, boolean refused) {
    assertEquals(refused, CrossSiteRequests.refusal(origin, secFetchSite, host).isPresent());
  }

  @ParameterizedTest(name = "{0}: JSON {1}")
  @CsvSource(nullValues = "-", delimiter = '|', value = {
      "application/json|true",
      "Application/JSON; charset=UTF-8|true",
      "application/x-www-form-urlencoded|false",
      "multipart/form-data; boundary=x|false",
      "text/plain|false",
      "application/json-patch+json|false",
      "-|false",
  })
  void onlyJsonIsJson(String contentType, boolean json) {
    assertEquals(json, CrossSiteRequests.isJson(contentType));
  }
}
