package org.delvm.benchmark.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureFileTest {

  @TempDir Path directory;

  @Test
  void readsBackEveryRowInAnyOrderAndDeletesItselfOnClose() throws Exception {
    float[][] rows = {{1, 2, 3}, {4, 5, 6}, {-7, 8.5f, Float.MIN_VALUE}};
    Path path;
    try (FeatureFile.Writer writer = FeatureFile.create(directory, 3)) {
      for (float[] row : rows) {
        writer.append(row, 0, 3);
      }
      try (FeatureFile file = writer.finish()) {
        path = file.path();
        assertTrue(Files.exists(path));
        assertEquals(3, file.rows());
        assertEquals(3, file.width());
        float[] into = new float[3];
        for (int i : new int[] {2, 0, 1, 2}) {
          file.read(i, into);
          assertArrayEquals(rows[i], into);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> file.read(3, into));
      }
    }
    assertFalse(Files.exists(path));
  }

  @Test
  void anUnfinishedWriterLeavesNothingBehind() {
    Path path;
    try (FeatureFile.Writer writer = FeatureFile.create(directory, 2)) {
      writer.append(new float[] {1, 2}, 0, 2);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> writer.append(new float[3], 0, 3));
      assertTrue(e.getMessage().contains("has 2 features, got 3"), e.getMessage());
    }
    assertEquals(0, directory.toFile().list().length);
  }

  @Test
  void removesTheFilesOfEndedProcessesOnly() throws Exception {
    Path live =
        Files.createFile(directory.resolve("features-" + ProcessHandle.current().pid() + "-1.f32"));
    // Process ids are below 2^22 on Linux; this one cannot be running.
    Path stale = Files.createFile(directory.resolve("features-9999999999-1.f32"));
    Path other = Files.createFile(directory.resolve("notes.txt"));
    assertEquals(1, FeatureFile.removeStale(directory));
    assertTrue(Files.exists(live));
    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(other));
  }
}
