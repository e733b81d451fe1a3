package org.scepra.web.scep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MessageParameterTest {
  static final byte[] BYTES = new byte[300];

  static {
    new Random(7).nextBytes(BYTES);
  }

  static final String STANDARD = Base64.getEncoder().encodeToString(BYTES);

  /** Each variant is the same message as some client or proxy actually mangles it. */
  static String variant(String name) {
    return switch (name) {
      case "standard" -> STANDARD;
      case "plus-as-space" -> STANDARD.replace('+', ' ');
      case "line-breaks" -> Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(BYTES);
      case "crlf-breaks" -> Base64.getMimeEncoder().encodeToString(BYTES);
      case "url-safe" -> Base64.getUrlEncoder().encodeToString(BYTES);
      case "no-padding" -> Base64.getEncoder().withoutPadding().encodeToString(BYTES);
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"standard", "plus-as-space", "line-breaks", "crlf-breaks", "url-safe", "no-padding"})
  void acceptsWhatRealClientsSend(String name) {
    assertArrayEquals(BYTES, MessageParameter.decode(variant(name)).orElseThrow());
  }

  @Test
  void percentEscapedQueryDecodesBeforeBase64() {
    String escaped = STANDARD.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
    String query = "operation=PKIOperation&message=" + escaped.substring(0, 40) + "%0A" + escaped.substring(40);
    QueryParameters parameters = QueryParameters.parse(query);
    assertEquals("PKIOperation", parameters.get("operation").orElseThrow());
    assertArrayEquals(BYTES, MessageParameter.decode(parameters.get("message").orElseThrow()).orElseThrow());
  }

  @Test
  void unescapedPlusAndPaddingSurviveQueryParsing() {
    QueryParameters parameters = QueryParameters.parse("operation=PKIOperation&message=" + STANDARD);
    assertArrayEquals(BYTES, MessageParameter.decode(parameters.get("message").orElseThrow()).orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "!!!!", "abc$def", "A", "%%%"})
  void rejectsWhatIsNotBase64(String text) {
    assertTrue(MessageParameter.decode(text).isEmpty());
  }
}
