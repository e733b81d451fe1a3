package org.scepra.protocol;

import java.io.ByteArrayOutputStream;

/**
 * Bounds how deeply BER/DER input nests before BouncyCastle parses it. BouncyCastle's ASN.1 parser
 * recurses once per constructed level and has no depth limit: 20 KB of {@code 30 80} overflows a
 * 1 MiB thread stack. Catching that {@link StackOverflowError} is no fix (it can strike inside a
 * class initializer and break the class for good), so input is walked here first, iteratively in
 * the length of each level and recursively only up to {@link #MAX_DEPTH}.
 *
 * <p>OCTET STRING and BIT STRING contents are walked too when they start like an encoding, because
 * BouncyCastle parses them later (eContent, certificate and CSR extension values). The walk stops
 * quietly where the input stops being well-formed: the parser fails at the same place, having
 * nested no deeper than the walk has already checked.
 */
final class Asn1Nesting {
  /** Real SCEP messages nest about 20 levels deep (certificate extensions inside SignedData). */
  static final int MAX_DEPTH = 64;

  private static final int MALFORMED = -1;
  private static final int TAG_BIT_STRING = 0x03;
  private static final int TAG_OCTET_STRING = 0x04;
  private static final int CONSTRUCTED_OCTET_STRING = 0x24;

  private Asn1Nesting() {}

  /** Whether {@code encoded} nests at most {@link #MAX_DEPTH} levels deep. */
  static boolean withinLimit(byte[] encoded) {
    try {
      walk(encoded, 0, encoded.length, 0, false, false);
      return true;
    } catch (TooDeep e) {
      return false;
    }
  }

  /**
   * Walks the TLVs in {@code [position, end)}.
   *
   * @param chunks inside a constructed OCTET STRING: its chunks are parts of one value, walked
   *     once joined by the caller, never one by one (that would walk the same bytes twice per level)
   * @return the position after the last TLV (after the end-of-contents octets when {@code
   *     untilEndOfContents}), or {@link #MALFORMED}
   */
  private static int walk(byte[] in, int position, int end, int depth, boolean untilEndOfContents, boolean chunks)
      throws TooDeep {
    int p = position;
    while (p < end) {
      if (untilEndOfContents && in[p] == 0 && p + 1 < end && in[p + 1] == 0) {
        return p + 2;
      }
      int tag = in[p++] & 0xff;
      if ((tag & 0x1f) == 0x1f) {
        int tagBytes = 0;
        do {
          if (p >= end || ++tagBytes > 5) {
            return MALFORMED;
          }
        } while ((in[p++] & 0x80) != 0);
      }
      if (p >= end) {
        return MALFORMED;
      }
      boolean constructed = (tag & 0x20) != 0;
      int lengthByte = in[p++] & 0xff;
      if (lengthByte == 0x80) {
        if (!constructed) {
          return MALFORMED;
        }
        int contentStart = p;
        boolean octets = chunks || tag == CONSTRUCTED_OCTET_STRING;
        p = walk(in, p, end, deeper(depth), true, octets);
        if (p == MALFORMED) {
          return MALFORMED;
        }
        if (octets && !chunks) {
          walkEncapsulated(joined(in, contentStart, p, true), depth);
        }
        continue;
      }
      long length = lengthByte;
      if (lengthByte > 0x80) {
        int count = lengthByte & 0x7f;
        if (count > 8 || count > end - p) {
          return MALFORMED;
        }
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (in[p++] & 0xff);
        }
      }
      if (length < 0 || length > end - p) {
        return MALFORMED;
      }
      int contentEnd = p + (int) length;
      if (constructed) {
        boolean octets = chunks || tag == CONSTRUCTED_OCTET_STRING;
        if (walk(in, p, contentEnd, deeper(depth), false, octets) == MALFORMED) {
          return MALFORMED;
        }
        if (octets && !chunks) {
          walkEncapsulated(joined(in, p, contentEnd, false), depth);
        }
      } else if (chunks) {
        // a part of the value the enclosing constructed OCTET STRING walks joined
      } else if (tag == TAG_OCTET_STRING) {
        walkEncapsulated(in, p, contentEnd, depth);
      } else if (tag == TAG_BIT_STRING && length >= 1) {
        walkEncapsulated(in, p + 1, contentEnd, depth);
      }
      p = contentEnd;
    }
    return untilEndOfContents ? MALFORMED : p;
  }

  /** Possibly an encapsulated encoding; if it is not one, nothing will parse it as one. */
  private static void walkEncapsulated(byte[] in, int from, int to, int depth) throws TooDeep {
    if (to - from >= 2) {
      walk(in, from, to, deeper(depth), false, false);
    }
  }

  private static void walkEncapsulated(byte[] octets, int depth) throws TooDeep {
    walkEncapsulated(octets, 0, octets.length, depth);
  }

  /**
   * The octets of a constructed (BER chunked) OCTET STRING whose structure {@link #walk} has
   * already bounded: the contents of its primitive chunks, in order.
   */
  private static byte[] joined(byte[] in, int position, int end, boolean untilEndOfContents) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    collect(in, position, end, untilEndOfContents, out);
    return out.toByteArray();
  }

  private static int collect(byte[] in, int position, int end, boolean untilEndOfContents,
      ByteArrayOutputStream out) {
    int p = position;
    while (p + 1 < end) {
      if (untilEndOfContents && in[p] == 0 && in[p + 1] == 0) {
        return p + 2;
      }
      int tag = in[p++] & 0xff;
      int lengthByte = in[p++] & 0xff;
      if (tag == CONSTRUCTED_OCTET_STRING && lengthByte == 0x80) {
        p = collect(in, p, end, true, out);
        continue;
      }
      long length = lengthByte;
      if (lengthByte > 0x80) {
        int count = lengthByte & 0x7f;
        if (count > 8 || count > end - p) {
          return end;
        }
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (in[p++] & 0xff);
        }
      }
      if (length < 0 || length > end - p || (tag != TAG_OCTET_STRING && tag != CONSTRUCTED_OCTET_STRING)) {
        return end;
      }
      if (tag == TAG_OCTET_STRING) {
        out.write(in, p, (int) length);
      } else {
        collect(in, p, p + (int) length, false, out);
      }
      p += (int) length;
    }
    return end;
  }

  private static int deeper(int depth) throws TooDeep {
    if (depth + 1 > MAX_DEPTH) {
      throw new TooDeep();
    }
    return depth + 1;
  }

  private static final class TooDeep extends Exception {
    private static final long serialVersionUID = 1L;

    TooDeep() {
      super(null, null, false, false);
    }
  }
}
