package org.scepra.protocol;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link PkiMessageDecoder#decode}: whatever the bytes, it answers with
 * one of its two checked exceptions or a request, never anything else, and never hangs. The seeds in
 * {@code PkiMessageDecoderFuzzTestInputs/decode} are real clients' messages (see FuzzSeedsWriter);
 * a plain {@code mvn verify} replays them, {@code JAZZER_FUZZ=1} fuzzes (README, Fuzzing).
 */
class PkiMessageDecoderFuzzTest {
  private static final PkiMessageDecoder DECODER = FuzzRa.decoder();

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void decode(byte[] message) {
    try {
      DECODER.decode(message);
    } catch (MalformedMessageException e) {
      assertShort(e.getMessage());
    } catch (ScepFailureException e) {
      assertShort(e.getMessage());
    }
  }

  /** The seeds only guide the fuzzer deep if they are encrypted to the key it decrypts with. */
  @Test
  void seedsReachTheRequest() throws Exception {
    try (InputStream seed = getClass().getResourceAsStream("PkiMessageDecoderFuzzTestInputs/decode/pkcsreq-aes128-sha256-der")) {
      assertInstanceOf(PkiMessage.PkcsReq.class, DECODER.decode(seed.readAllBytes()).message());
    }
  }

  /** Both answers go to the client (HTTP 400 text, failInfoText): short, and never an exception's text. */
  private static void assertShort(String text) {
    assertTrue(text != null && !text.isEmpty() && text.length() <= 100 && !text.contains("Exception"), text);
  }
}
