package org.scepra.backend.filedrop;

import org.scepra.testkit.MapConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileDropSettingsTest {

  static final String P = "scepra.endpoint.e1.file-drop.";

  @Test
  void subfoldersOfTheDirectoryUnlessConfiguredOneByOne() {
    FileDropSettings settings =
        FileDropSettings.from(
            new MapConfig(
                Map.of(
                    P + "directory",
                    "/srv/queue/",
                    P + "inbox",
                    "/mnt/ca/answers",
                    P + "ca-certificate",
                    "/srv/ca.pem",
                    P + "validity-days",
                    " 90 ")),
            "e1");
    QueueFolders folders = settings.folders();
    assertEquals(Optional.of(Path.of("/srv/queue")), folders.base());
    assertEquals(
        new QueueFolders.Folder("outbox", Path.of("/srv/queue/outbox"), true), folders.outbox());
    assertEquals(
        new QueueFolders.Folder("inbox", Path.of("/mnt/ca/answers"), false), folders.inbox());
    assertEquals(Path.of("/srv/queue/quarantine"), folders.quarantine().path());
    assertEquals(Path.of("/srv/ca.pem"), settings.caCertificate());
    assertEquals(OptionalInt.of(90), settings.validityDays());
  }

  @Test
  void allFourFoldersWithoutADirectory() {
    Map<String, String> config = new HashMap<>(Map.of(P + "ca-certificate", "/ca.pem"));
    for (String folder : new String[] {"outbox", "inbox", "archive", "quarantine"}) {
      config.put(P + folder, "/q/" + folder);
    }
    assertEquals(
        Optional.empty(), FileDropSettings.from(new MapConfig(config), "e1").folders().base());
  }

  /**
   * In the expected messages, {@code @} stands for the key prefix {@code
   * scepra.endpoint.e1.file-drop.}.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
no directory  | ca-certificate=/ca.pem                      | @directory is required (or set @outbox)
no CA         | directory=/q                                | @ca-certificate is required
relative path | directory=queue,ca-certificate=/ca.pem      | @directory must be an absolute path, was queue
validity zero | directory=/q,ca-certificate=/c,validity-days=0   | @validity-days must be a positive whole number of days
validity text | directory=/q,ca-certificate=/c,validity-days=ten | @validity-days must be a positive whole number of days
""")
  void errorsNameTheKey(String label, String entries, String message) {
    Map<String, String> config = new HashMap<>();
    for (String entry : entries.split(",")) {
      String[] kv = entry.split("=", 2);
      config.put(P + kv[0].strip(), kv[1].strip());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FileDropSettings.from(new MapConfig(config), "e1"));
    assertEquals(message.replace("@", P), e.getMessage());
  }
}
