package org.scepra.web.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "CN=<img src=x onerror=alert(1)>|CN=&lt;img src=x onerror=alert(1)&gt;",
      "\"><script>alert(1)</script>|&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
      "O=A & B|O=A &amp; B",
      "it's|it&#39;s",
      "plain|plain",
  })
  void escapesMarkup(String raw, String escaped) {
    assertEquals(escaped, Html.text(raw));
  }

  @org.junit.jupiter.api.Test
  void replacesControlCharactersAndTreatsNullAsEmpty() {
    assertEquals("a\uFFFDb", Html.text("a\u0000b"));
    assertEquals("", Html.text(null));
  }
}
