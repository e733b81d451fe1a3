package org.scepra.backend.filedrop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RejectionReasonTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
plain                       | not on the allow-list                  | not on the allow-list
first line only             | duplicate\\nsecond line                 | duplicate
CR line end                 | duplicate\\r\\nsecond line               | duplicate
whitespace stripped         | '  \\t spaced out  '                     | spaced out
escape sequences            | \\u001b[2Jcleared\\u0007                 | [2Jcleared
bidi override and zero-width| abc\\u202edef\\u200b                      | abcdef
BOM                         | \\ufeffwith BOM                          | with BOM
empty                       | ''                                     | the CA rejected the request
only a newline              | \\nreason on line two                   | the CA rejected the request
unicode kept                | Gerät nicht zugelassen ✓               | Gerät nicht zugelassen ✓
""")
  void reasonIsTheSanitizedFirstLine(String label, String content, String expected) {
    assertEquals(expected, RejectionReason.of(unescape(content).getBytes(UTF_8)));
  }

  @ParameterizedTest(name = "{0} characters")
  @CsvSource({"255, 255", "256, 255", "5000, 255"})
  void reasonIsBounded(int length, int expected) {
    assertEquals(expected, RejectionReason.of("x".repeat(length).getBytes(UTF_8)).length());
  }

  @org.junit.jupiter.api.Test
  void aSurrogatePairIsNeverSplitAtTheBound() {
    String reason = RejectionReason.of(("x".repeat(254) + "😀").getBytes(UTF_8));
    assertEquals("x".repeat(254), reason);
  }

  @org.junit.jupiter.api.Test
  void malformedUtf8BecomesAReplacementCharacter() {
    assertEquals(
        "bad \ufffd byte",
        RejectionReason.of(new byte[] {'b', 'a', 'd', ' ', (byte) 0xC3, ' ', 'b', 'y', 't', 'e'}));
  }

  /** The CSV holds Java-style escapes so the table stays readable. */
  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char next = s.charAt(++i);
      switch (next) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(next);
      }
    }
    return out.toString();
  }
}
