package org.scepra.web.scep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the GET/POST parameter handling: {@link QueryParameters#parse} and
 * {@link MessageParameter#decode} take any query string without throwing, and every way real
 * clients mangle base64 still decodes to the bytes they meant. Seeds are real clients' query
 * strings (see FuzzSeedsWriter); a plain {@code mvn verify} replays them, {@code JAZZER_FUZZ=1}
 * fuzzes (README, Fuzzing).
 */
class ScepParametersFuzzTest {

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void queryString(byte[] input) {
    // The servlet container hands over the raw query as text; try it as Latin-1 (every byte) and UTF-8.
    for (String query : new String[] {new String(input, StandardCharsets.ISO_8859_1),
        new String(input, StandardCharsets.UTF_8)}) {
      QueryParameters parameters = QueryParameters.parse(query);
      parameters.get("operation");
      parameters.get("message").ifPresent(MessageParameter::decode);
      MessageParameter.decode(query);
    }
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void base64AsClientsSendIt(byte[] message) {
    String standard = Base64.getEncoder().encodeToString(message);
    String[] variants = {
      standard,
      standard.replace('+', ' '),
      Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(message),
      Base64.getMimeEncoder().encodeToString(message),
      Base64.getUrlEncoder().encodeToString(message),
      Base64.getEncoder().withoutPadding().encodeToString(message),
    };
    for (String variant : variants) {
      if (variant.isEmpty()) {
        continue; // an empty message is refused, by design
      }
      String query = "operation=PKIOperation&message=" + URLEncoder.encode(variant, StandardCharsets.US_ASCII);
      String received = QueryParameters.parse(query).get("message").orElseThrow();
      assertArrayEquals(message, MessageParameter.decode(received).orElseThrow(), variant);
      assertArrayEquals(message, MessageParameter.decode(variant).orElseThrow(), variant);
    }
  }
}
