package org.scepra.backend.adcs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scepra.spi.IssueResult.Reason;

/** The CA's HRESULTs (winerror.h) and what the device is told. */
class HresultsTest {

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource(delimiter = '|', value = {
    "0x80094800 | false | CA_UNAVAILABLE | " + Hresults.UNKNOWN_TEMPLATE,
    "0x80094801 | true  | CA_UNAVAILABLE | " + Hresults.UNKNOWN_TEMPLATE,
    "0x80094012 | true  | CA_UNAVAILABLE | " + Hresults.NOT_AUTHORIZED,
    "0x80094011 | true  | CA_UNAVAILABLE | " + Hresults.NOT_AUTHORIZED,
    "0x80070005 | false | CA_UNAVAILABLE | " + Hresults.NOT_AUTHORIZED,
    "0x800706BA | false | CA_UNAVAILABLE | " + Hresults.UNAVAILABLE,
    "0x80094006 | false | CA_UNAVAILABLE | " + Hresults.UNAVAILABLE,
    "0x80094811 | true  | BAD_ALGORITHM  | " + Hresults.KEY,
    "0x80094016 | true  | BAD_ALGORITHM  | " + Hresults.KEY,
    "0x80094014 | true  | BAD_REQUEST    | " + Hresults.ADMIN_DENIED,
    "0x80094002 | false | BAD_REQUEST    | " + Hresults.NO_REQUEST,
    "0x80094001 | true  | BAD_REQUEST    | " + Hresults.POLICY,
    "0x80094803 | true  | BAD_REQUEST    | " + Hresults.POLICY,
    "0x8009480F | true  | BAD_REQUEST    | " + Hresults.POLICY,
    "0x80090006 | true  | BAD_REQUEST    | " + Hresults.DENIED,
    "0x80004005 | false | CA_UNAVAILABLE | " + Hresults.NOT_COMPLETED,
  })
  void mapsTheHresultAndKeepsItInTheText(String hex, boolean invalidRequest, Reason reason, String text) {
    int hresult = Integer.parseUnsignedInt(hex.substring(2), 16);
    var rejected = Hresults.rejected(new CesAnswer.Fault(Optional.of(hresult), Optional.empty(), invalidRequest,
        "s:Receiver", "CES's own text"));
    assertEquals(reason, rejected.reason());
    assertEquals(text + " (AD CS " + hex + ")", rejected.message());
  }
}
