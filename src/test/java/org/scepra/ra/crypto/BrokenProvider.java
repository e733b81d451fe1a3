package org.scepra.ra.crypto;

import java.security.AlgorithmParameters;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.CipherSpi;
import javax.crypto.NoSuchPaddingException;

/**
 * A provider that offers RSA decryption and SHA256withRSA but fails at both: if scepra's answers still come out,
 * the work went elsewhere.
 */
public final class BrokenProvider extends Provider {
  private static final long serialVersionUID = 1L;
  static final BrokenProvider INSTANCE = new BrokenProvider();

  private BrokenProvider() {
    super("Broken", "1", "offers RSA and fails at it");
    put("Cipher.RSA/ECB/PKCS1Padding", BrokenCipher.class.getName());
    put("Signature.SHA256withRSA", BrokenSignature.class.getName());
  }

  public static final class BrokenCipher extends CipherSpi {
    @Override protected void engineSetMode(String mode) {}
    @Override protected void engineSetPadding(String padding) throws NoSuchPaddingException {}
    @Override protected int engineGetBlockSize() { return 0; }
    @Override protected int engineGetOutputSize(int inputLen) { return 0; }
    @Override protected byte[] engineGetIV() { return null; }
    @Override protected AlgorithmParameters engineGetParameters() { return null; }
    @Override protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
      throw new InvalidKeyException("broken on purpose");
    }
    @Override protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
        throws InvalidKeyException {
      throw new InvalidKeyException("broken on purpose");
    }
    @Override protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
        throws InvalidKeyException {
      throw new InvalidKeyException("broken on purpose");
    }
    @Override protected byte[] engineUpdate(byte[] input, int inputOffset, int inputLen) { return null; }
    @Override protected int engineUpdate(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset) {
      return 0;
    }
    @Override protected byte[] engineDoFinal(byte[] input, int inputOffset, int inputLen) { return null; }
    @Override protected int engineDoFinal(byte[] input, int inputOffset, int inputLen, byte[] output, int outputOffset) {
      return 0;
    }
  }

  public static final class BrokenSignature extends SignatureSpi {
    @Override protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
      throw new InvalidKeyException("broken on purpose");
    }
    @Override protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
      throw new InvalidKeyException("broken on purpose");
    }
    @Override protected void engineUpdate(byte b) throws SignatureException {}
    @Override protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {}
    @Override protected byte[] engineSign() throws SignatureException {
      throw new SignatureException("broken on purpose");
    }
    @Override protected boolean engineVerify(byte[] sigBytes) throws SignatureException { return false; }
    @Override @Deprecated protected void engineSetParameter(String param, Object value) {}
    @Override @Deprecated protected Object engineGetParameter(String param) { return null; }
  }
}
