package org.scepra.backend.internalca;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Run in a child JVM by {@link CaKeyStoreTest}: creates or loads a CA, prints its fingerprint. */
public final class StartCaMain {

  private StartCaMain() {}

  public static void main(String[] args) throws Exception {
    Path keystore = Path.of(args[0]);
    CaIdentity ca =
        new CaKeyStore(keystore, CaSettings.defaults().withKeySize(2048))
            .createOrLoad(KeystorePassword.file(CaKeyStore.passwordFileFor(keystore)));
    System.out.println(fingerprint(ca.certificate()));
  }

  static String fingerprint(X509Certificate certificate) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
  }
}
