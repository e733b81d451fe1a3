package org.scepra.backend.ejbca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.OtherName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AltNamesTest {
  static final String INTUNE_SID_URL = "tag:microsoft.com,2022-09-14:sid:S-1-5-21-1004336348-1177238915-682003330-512";

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of(new GeneralName[] {new GeneralName(GeneralName.dNSName, "dev1.example.com")}, "dNSName=dev1.example.com"),
        Arguments.of(new GeneralName[] {new GeneralName(GeneralName.rfc822Name, "ops@example.com")}, "rfc822name=ops@example.com"),
        Arguments.of(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "192.0.2.7")}, "iPAddress=192.0.2.7"),
        Arguments.of(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "2001:db8::1")}, "iPAddress=2001:db8:0:0:0:0:0:1"),
        Arguments.of(new GeneralName[] {new GeneralName(GeneralName.uniformResourceIdentifier, "urn:dev:1")},
            "uniformResourceIdentifier=urn:dev:1"),
        Arguments.of(new GeneralName[] {new GeneralName(GeneralName.registeredID, "1.2.3.4")}, "registeredID=1.2.3.4"),
        Arguments.of(new GeneralName[] {new GeneralName(GeneralName.otherName,
            new OtherName(new ASN1ObjectIdentifier(AltNames.UPN_OID), new DERUTF8String("dev1@corp")))}, "upn=dev1@corp"),
        Arguments.of(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "a.example"), new GeneralName(GeneralName.dNSName, "b.example"),
            new GeneralName(GeneralName.iPAddress, "10.0.0.1")}, "dNSName=a.example, dNSName=b.example, iPAddress=10.0.0.1"),
        // Intune's strong-mapping SAN (KB5014754): its comma is escaped, not a separator
        Arguments.of(new GeneralName[] {new GeneralName(GeneralName.uniformResourceIdentifier, INTUNE_SID_URL),
            new GeneralName(GeneralName.dNSName, "dev1.example.com")},
            "uniformResourceIdentifier=tag:microsoft.com\\,2022-09-14:sid:S-1-5-21-1004336348-1177238915-682003330-512, "
                + "dNSName=dev1.example.com"),
        Arguments.of(new GeneralName[] {new GeneralName(GeneralName.uniformResourceIdentifier, "https://example.com/a,b+c;d")},
            "uniformResourceIdentifier=https://example.com/a\\,b\\+c\\;d"),
        Arguments.of(new GeneralName[] {new GeneralName(GeneralName.dNSName, "back\\slash.example")},
            "dNSName=back\\\\slash.example"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("names")
  void writesEjbcasAltNameSyntax(GeneralName[] san, String expected) throws Exception {
    assertEquals(expected, AltNames.of(TestCsrs.csr("CN=dev1", san)));
    assertEquals(new org.bouncycastle.asn1.x509.GeneralNames(san), DoubleCa.parseAltNames(expected), "round trip");
  }

  @Test
  void anUnescapedCommaWouldSplitTheSidUrlAndTheDoubleRefusesIt() {
    assertThrows(IllegalArgumentException.class,
        () -> DoubleCa.parseAltNames("uniformResourceIdentifier=" + INTUNE_SID_URL));
  }

  @Test
  void noSanIsAnEmptyString() throws Exception {
    assertEquals("", AltNames.of(TestCsrs.csr("CN=dev1")));
  }

  static Stream<GeneralName> refused() {
    return Stream.of(
        new GeneralName(GeneralName.directoryName, new X500Name("CN=x")),
        new GeneralName(GeneralName.dNSName, " padded.example"),
        new GeneralName(GeneralName.rfc822Name, "ops@example.com "),
        new GeneralName(GeneralName.otherName, new OtherName(new ASN1ObjectIdentifier("1.2.3"), new DERUTF8String("x"))));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void refusesWhatCannotBeWrittenFaithfully(GeneralName name) {
    assertThrows(AltNames.UnsupportedNameException.class, () -> AltNames.of(TestCsrs.csr("CN=dev1", name)));
  }
}
