package org.scepra.web.mscep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MscepAdminPageTest {

  @Test
  void isUtf16LittleEndianWithAByteOrderMarkAndNdesSentences() {
    byte[] page = MscepAdminPage.challenge("0123456789abcdef0123456789abcdef", "AB12", "CD34", Duration.ofHours(1));
    assertEquals(0xFF, page[0] & 0xFF);
    assertEquals(0xFE, page[1] & 0xFF);
    String text = new String(Arrays.copyOfRange(page, 2, page.length), StandardCharsets.UTF_16LE);
    Matcher challenge = Pattern.compile("The enrollment challenge password is: <B> (\\S*)", Pattern.CASE_INSENSITIVE)
        .matcher(text);
    assertTrue(challenge.find(), text);
    assertEquals("0123456789abcdef0123456789abcdef", challenge.group(1));
    assertTrue(text.contains("The thumbprint (hash value) for the CA certificate is: <B> AB12 </B>"), text);
    assertTrue(text.contains("will expire within 60 minutes."), text);
  }

  @Test
  void refusalsUseNdesTexts() {
    assertTrue(decode(MscepAdminPage.cacheFull()).contains("The password cache is full."));
    assertTrue(decode(MscepAdminPage.noPermission())
        .contains("You do not have sufficient permission to enroll with SCEP."));
    assertTrue(decode(MscepAdminPage.notEnabled("<x>")).contains("(&lt;x&gt;)"));
  }

  @ParameterizedTest
  @CsvSource({"PT8S, 8 seconds", "PT119S, 119 seconds", "PT2M, 2 minutes", "PT1H, 60 minutes", "PT61M, 61 minutes",
      "PT60M1S, 61 minutes"})
  void saysHowLongTheChallengeLasts(Duration validity, String said) {
    assertEquals(said, MscepAdminPage.lifetime(validity));
  }

  private static String decode(byte[] page) {
    return new String(Arrays.copyOfRange(page, 2, page.length), StandardCharsets.UTF_16LE);
  }
}
