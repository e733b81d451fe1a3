package org.scepra.backend.internalca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scepra.spi.CertificateRevoker.Reason;

class RevocationListTest {

  private static final Instant AT = Instant.parse("2025-03-01T10:15:30.987Z");

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("ca").resolve("revocations.csv");
  }

  private RevocationList list() {
    return new RevocationList(file());
  }

  private static Revocation entry(long serial, Reason reason) {
    return new Revocation(BigInteger.valueOf(serial), AT, reason);
  }

  private List<Revocation> read(RevocationList list) throws IOException {
    try (FileMutex lock = list.lock()) {
      return list.read().entries();
    }
  }

  private boolean add(RevocationList list, Revocation entry) throws IOException {
    try (FileMutex lock = list.lock()) {
      return list.add(entry);
    }
  }

  @Test
  void writesOneFormattedLinePerRevocationAndReadsThemBack() throws Exception {
    RevocationList list = list();
    assertEquals(List.of(), read(list), "no file yet: nothing revoked");

    assertTrue(add(list, entry(0xabcdef, Reason.KEY_COMPROMISE)));
    assertTrue(add(list, entry(0x10, Reason.UNSPECIFIED)));
    assertFalse(add(list, entry(0xabcdef, Reason.SUPERSEDED)), "already listed");

    assertEquals(
        "abcdef,2025-03-01T10:15:30Z,1\n10,2025-03-01T10:15:30Z,0\n", Files.readString(file()));
    assertEquals(
        List.of(entry(0xabcdef, Reason.KEY_COMPROMISE), entry(0x10, Reason.UNSPECIFIED)),
        read(new RevocationList(file())));
    if (OwnerOnlyFiles.supportsPosix(dir)) {
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
    }
  }

  @Test
  void tornLastLineIsIgnoredAndCutOffByTheNextAppend() throws Exception {
    RevocationList list = list();
    add(list, entry(0x1234, Reason.SUPERSEDED));
    Files.writeString(file(), "99aa,2025-03-0", StandardOpenOption.APPEND); // crash mid-write

    assertEquals(List.of(entry(0x1234, Reason.SUPERSEDED)), read(list));
    assertEquals(List.of(entry(0x1234, Reason.SUPERSEDED)), read(new RevocationList(file())));

    assertTrue(add(list, entry(0x5678, Reason.CESSATION_OF_OPERATION)));
    assertEquals(
        "1234,2025-03-01T10:15:30Z,4\n5678,2025-03-01T10:15:30Z,5\n", Files.readString(file()));
  }

  @Test
  void aCompleteLastLineWithoutNewlineIsKept() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "# edited by hand\n\n1234,2025-03-01T10:15:30Z,1"); // no newline
    RevocationList list = list();

    assertEquals(List.of(entry(0x1234, Reason.KEY_COMPROMISE)), read(list));
    assertTrue(add(list, entry(0x77, Reason.PRIVILEGE_WITHDRAWN)));
    assertEquals(
        List.of(entry(0x1234, Reason.KEY_COMPROMISE), entry(0x77, Reason.PRIVILEGE_WITHDRAWN)),
        read(list));
    assertTrue(
        Files.readString(file())
            .endsWith("\n1234,2025-03-01T10:15:30Z,1\n77," + "2025-03-01T10:15:30Z,9\n"));
  }

  @Test
  void aMalformedLineInTheMiddleFailsClosed() throws Exception {
    Files.createDirectories(file().getParent());
    String content = "1234,2025-03-01T10:15:30Z,1\nnot an entry\n5678,2025-03-01T10:15:30Z,1\n";
    Files.writeString(file(), content);
    RevocationList list = list();

    IOException e = assertThrows(IOException.class, () -> read(list));
    assertTrue(e.getMessage().contains("line 2 of"), e.getMessage());
    assertThrows(IOException.class, () -> add(list, entry(0x99, Reason.UNSPECIFIED)));
    assertEquals(content, Files.readString(file()), "left as it was");
  }

  @Test
  void parsesOnlyWellFormedEntries() {
    assertEquals(
        entry(0xff, Reason.CA_COMPROMISE), Revocation.parse(" FF , 2025-03-01T10:15:30Z , 2 "));
    assertNull(Revocation.parse("0,2025-03-01T10:15:30Z,1"), "serials are positive");
    assertNull(Revocation.parse("-1,2025-03-01T10:15:30Z,1"));
    assertNull(Revocation.parse("1".repeat(41) + ",2025-03-01T10:15:30Z,1"), "over 20 octets");
    assertNull(Revocation.parse("ff,2025-03-01,1"));
    assertNull(Revocation.parse("ff,2025-03-01T10:15:30Z,7"), "7 is not a CRLReason");
    assertNull(Revocation.parse("ff,2025-03-01T10:15:30Z,1,extra"));
    assertNull(Revocation.parse("ff,2025-03-01T10:15:30Z"));
    assertEquals("ff,2025-03-01T10:15:30Z,6\n", entry(0xff, Reason.CERTIFICATE_HOLD).toLine());
  }
}
