package org.delvm.benchmark.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

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
  void systemPropertiesSetMirrorsOfflineAndCache() {
    Properties properties = new Properties();
    properties.setProperty("delvm.mirror", "/data/mirror, https://example.org/datasets");
    properties.setProperty("delvm.offline", "true");
    properties.setProperty("delvm.datasets.cache", "/tmp/cache");

    FetchSettings settings = FetchSettings.builder().applyProperties(properties).build();

    assertEquals(List.of("/data/mirror", "https://example.org/datasets"), settings.mirrors());
    assertTrue(settings.offline());
    assertEquals(Path.of("/tmp/cache"), settings.cacheDirectory());
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
        e.getMessage().contains("'no/such/mirror-folder' is neither an http(s) URL nor an existing folder"),
        e.getMessage());
  }
}
