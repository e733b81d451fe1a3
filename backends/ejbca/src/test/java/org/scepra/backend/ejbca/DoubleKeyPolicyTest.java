package org.scepra.backend.ejbca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.PublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

/** The double refuses keys as EJBCA's CertificateProfile.verifyKey does, with its messages. */
class DoubleKeyPolicyTest {

  private static final DoubleProfiles.KeyPolicy DEVICE =
      DoubleProfiles.certificateProfiles().get("SCEP_DEVICE").keys();
  private static final DoubleProfiles.KeyPolicy ENDUSER =
      DoubleProfiles.certificateProfiles().get("ENDUSER").keys();

  @Test
  void aNewProfileTakesAnyKeyUpTo8192Bits() throws Exception {
    assertNull(refusal(ENDUSER, key("RSA", rsa(1024))));
    assertNull(refusal(ENDUSER, key("EC", new ECGenParameterSpec("secp521r1"))));
    assertNull(refusal(ENDUSER, key("Ed25519", null)));
  }

  @Test
  void aNarrowedProfileRefusesByAlgorithmCurveAndLength() throws Exception {
    assertEquals("Illegal key algorithm, not authorized by certificate profile: Ed25519.",
        refusal(DEVICE, key("Ed25519", null)));
    assertEquals("Illegal elliptic curve, not authorized by certificate profile: secp521r1.",
        refusal(DEVICE, key("EC", new ECGenParameterSpec("secp521r1"))));
    assertEquals("Illegal key length, not authorized by certificate profile: 1024.",
        refusal(DEVICE, key("RSA", rsa(1024))));
    assertNull(refusal(DEVICE, key("EC", new ECGenParameterSpec("secp256r1"))));
    assertNull(refusal(DEVICE, key("RSA", rsa(2048))));
  }

  /** EJBCA compares with the minimum less one, so a key one bit short of it passes; the maximum is exact. */
  @Test
  void keepsEjbcasBoundsIncludingItsOffByOne() throws Exception {
    assertNull(refusal(DEVICE, key("RSA", rsa(2047))));
    assertEquals("Illegal key length, not authorized by certificate profile: 2046.",
        refusal(DEVICE, key("RSA", rsa(2046))));
    DoubleProfiles.KeyPolicy upTo2048 = new DoubleProfiles.KeyPolicy(DEVICE.algorithms(), DEVICE.curves(), 0, 2048);
    assertEquals("Illegal key length, not authorized by certificate profile: 3072.",
        refusal(upTo2048, key("RSA", rsa(3072))));
  }

  private static String refusal(DoubleProfiles.KeyPolicy policy, PublicKey key) throws Exception {
    return DoubleProfiles.keyRefusal(policy, SubjectPublicKeyInfo.getInstance(key.getEncoded()));
  }

  private static RSAKeyGenParameterSpec rsa(int bits) {
    return new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4);
  }

  private static PublicKey key(String algorithm, AlgorithmParameterSpec spec) {
    return TestPki.keys(algorithm, spec).getPublic();
  }
}
