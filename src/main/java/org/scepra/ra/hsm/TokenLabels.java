package org.scepra.ra.hsm;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the slot of the token with a given label ({@code scepra.pkcs11.token-label}): SunPKCS11 selects tokens by
 * slot only, and slot IDs change when tokens are re-created (SoftHSM numbers them at random). Asks the PKCS#11 module
 * itself, through the four standard functions needed (PKCS#11 v2.40 §5.4-5.5), before SunPKCS11 opens it; the module
 * is finalized again only if this call initialized it.
 */
final class TokenLabels {
  private static final long CKR_OK = 0;
  private static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
  /** CK_TOKEN_INFO begins with its label, 32 bytes padded with blanks; the whole structure is well under 512. */
  private static final int TOKEN_INFO_SIZE = 512;
  private static final int LABEL_SIZE = 32;

  /** The module's functions this class calls (CK_ULONG is a C unsigned long: NativeLong). */
  interface Cryptoki extends Library {
    NativeLong C_Initialize(Pointer initArgs);

    NativeLong C_Finalize(Pointer reserved);

    NativeLong C_GetSlotList(byte tokenPresent, Pointer slotList, NativeLongByReference count);

    NativeLong C_GetTokenInfo(NativeLong slotId, Pointer tokenInfo);
  }

  private TokenLabels() {}

  /**
   * @throws GeneralSecurityException naming the labels found if none matches, or why the module cannot be asked
   */
  static long slotOf(Path library, String label) throws GeneralSecurityException {
    Cryptoki cryptoki;
    try {
      cryptoki = Native.load(library.toString(), Cryptoki.class);
    } catch (UnsatisfiedLinkError e) {
      throw new GeneralSecurityException("cannot load the PKCS#11 module " + library + ": " + e.getMessage(), e);
    }
    long initialized = cryptoki.C_Initialize(Pointer.NULL).longValue();
    if (initialized != CKR_OK && initialized != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
      throw new GeneralSecurityException("the PKCS#11 module " + library + " failed to initialize: 0x"
          + Long.toHexString(initialized));
    }
    try {
      List<String> seen = new ArrayList<>();
      for (long slot : slots(cryptoki)) {
        Memory info = new Memory(TOKEN_INFO_SIZE);
        info.clear();
        if (cryptoki.C_GetTokenInfo(new NativeLong(slot), info).longValue() != CKR_OK) {
          continue; // a slot whose token just went away
        }
        String found = new String(info.getByteArray(0, LABEL_SIZE), StandardCharsets.UTF_8).stripTrailing();
        if (found.equals(label)) {
          return slot;
        }
        seen.add("'" + found + "'");
      }
      throw new GeneralSecurityException("no token labelled '" + label + "' (" + Pkcs11Settings.TOKEN_LABEL
          + ") in " + library + "; tokens present: " + (seen.isEmpty() ? "none" : String.join(", ", seen)));
    } finally {
      if (initialized == CKR_OK) {
        cryptoki.C_Finalize(Pointer.NULL);
      }
    }
  }

  private static List<Long> slots(Cryptoki cryptoki) throws GeneralSecurityException {
    NativeLongByReference count = new NativeLongByReference();
    check(cryptoki.C_GetSlotList((byte) 1, Pointer.NULL, count), "C_GetSlotList");
    int n = count.getValue().intValue();
    List<Long> slots = new ArrayList<>();
    if (n == 0) {
      return slots;
    }
    Memory list = new Memory((long) n * NativeLong.SIZE);
    check(cryptoki.C_GetSlotList((byte) 1, list, count), "C_GetSlotList");
    for (int i = 0; i < count.getValue().intValue(); i++) {
      slots.add(list.getNativeLong((long) i * NativeLong.SIZE).longValue());
    }
    return slots;
  }

  private static void check(NativeLong rv, String function) throws GeneralSecurityException {
    if (rv.longValue() != CKR_OK) {
      throw new GeneralSecurityException(function + " failed: 0x" + Long.toHexString(rv.longValue()));
    }
  }
}
