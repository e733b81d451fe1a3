package org.scepra.backend.filedrop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.OtherName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AltNameTextTest {

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of(
            new GeneralName(GeneralName.dNSName, "device.example.com"),
            "dNSName",
            "device.example.com"),
        Arguments.of(
            new GeneralName(GeneralName.rfc822Name, "ops@example.com"),
            "rfc822Name",
            "ops@example.com"),
        Arguments.of(
            new GeneralName(GeneralName.uniformResourceIdentifier, "urn:uuid:1234"),
            "uniformResourceIdentifier",
            "urn:uuid:1234"),
        Arguments.of(new GeneralName(GeneralName.iPAddress, "192.0.2.7"), "iPAddress", "192.0.2.7"),
        Arguments.of(
            new GeneralName(GeneralName.iPAddress, "2001:db8::1"),
            "iPAddress",
            "2001:db8:0:0:0:0:0:1"),
        Arguments.of(
            new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[] {1, 2, 3})),
            "iPAddress",
            "#010203"),
        // RFC 2253 order, most specific first, as the subject is written
        Arguments.of(
            new GeneralName(
                X500Name.getInstance(new X500Principal("CN=dir,O=Example").getEncoded())),
            "directoryName",
            "CN=dir,O=Example"),
        Arguments.of(
            new GeneralName(GeneralName.registeredID, "1.2.3.4"), "registeredID", "1.2.3.4"),
        Arguments.of(
            new GeneralName(
                GeneralName.otherName,
                new OtherName(
                    new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"),
                    new DERUTF8String("user@example.com"))),
            "otherName",
            "1.3.6.1.4.1.311.20.2.3;user@example.com"));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("names")
  void typeAndValue(GeneralName name, String type, String value) {
    assertEquals(type, AltNameText.type(name));
    assertEquals(value, AltNameText.value(name));
  }
}
