package org.delvm.benchmark.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchSettingsTest {

  @Test
  void defaultsAreOnlineWithTheUserCacheAndNoMirror() {
    FetchSettings settings = FetchSettings.builder().build();
    assertFalse(settings.offline());
    assertTrue(settings.mirrors().isEmpty());
    assertTrue(
        settings.cacheDirectory().endsWith(Path.of(".cache", "delvm-benchmark", "datasets")));
  }

  @Test
  void mirrorsKeepTheirOrder(@TempDir Path folder) {
    FetchSettings settings =
        FetchSettings.builder()
            .addMirror(folder.toString())
            .addMirror(" https://example.org/datasets ")
            .offline(true)
            .cacheDirectory(folder.resolve("cache"))
            .build();

    assertEquals(List.of(folder.toString(), "https://example.org/datasets"), settings.mirrors());
    assertTrue(settings.offline());
    assertEquals(folder.resolve("cache"), settings.cacheDirectory());
  }

  @Test
  void rejectsNegativeRetries() {
    assertThrows(IllegalArgumentException.class, () -> FetchSettings.builder().retries(-1));
  }

  @Test
  void aMirrorFolderThatDoesNotExistIsRejectedWithItsPath() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FetchSettings.builder().addMirror("no/such/mirror-folder"));
    assertTrue(
        e.getMessage()
            .contains("'no/such/mirror-folder' is neither an http(s) URL nor an existing folder"),
        e.getMessage());
  }
}
