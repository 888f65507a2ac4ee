package org.delvm.benchmark.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10BinaryReaderTest {

  @TempDir Path temp;

  /** One record: the label, then 3072 pixel bytes; the red plane is 10, green 20, blue 30. */
  private static byte[] record(int label) {
    byte[] record = new byte[3073];
    record[0] = (byte) label;
    for (int i = 0; i < 3072; i++) {
      record[1 + i] = (byte) (10 * (1 + i / 1024));
    }
    return record;
  }

  private static byte[] batch(int... labels) {
    byte[] batch = new byte[3073 * labels.length];
    for (int i = 0; i < labels.length; i++) {
      System.arraycopy(record(labels[i]), 0, batch, 3073 * i, 3073);
    }
    return batch;
  }

  /** The six batches, deliberately out of order, with a folder prefix like the real archive. */
  private static Map<String, byte[]> batches() {
    return Fixtures.entries(
        "cifar-10-batches-bin/test_batch.bin", batch(9),
        "cifar-10-batches-bin/data_batch_2.bin", batch(2),
        "cifar-10-batches-bin/data_batch_1.bin", batch(0, 1),
        "cifar-10-batches-bin/batches.meta.txt", Fixtures.ascii("airplane\n"),
        "cifar-10-batches-bin/data_batch_3.bin", batch(3),
        "cifar-10-batches-bin/data_batch_4.bin", batch(4),
        "cifar-10-batches-bin/data_batch_5.bin", batch(5));
  }

  @Test
  void readsTrainBatchesInOrderAndTheTestBatch() throws IOException {
    Path archive = Fixtures.tarGz(temp.resolve("cifar.tar.gz"), batches());

    ImageSplits splits = Cifar10BinaryReader.read(archive);

    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, splits.train().labels());
    assertArrayEquals(new int[] {9}, splits.test().labels());
    float[] image = splits.train().pixels()[0];
    assertEquals(3072, image.length);
    assertEquals(10 / 255f, image[0], "red plane first");
    assertEquals(20 / 255f, image[1024], "then green");
    assertEquals(30 / 255f, image[3071], "blue last");
  }

  @Test
  void rejectsEntriesThatEscapeTheArchive() throws IOException {
    Map<String, byte[]> entries = batches();
    entries.put("../evil.bin", Fixtures.ascii("x"));
    Path archive = Fixtures.tarGz(temp.resolve("evil.tar.gz"), entries);

    DatasetException e =
        assertThrows(DatasetException.class, () -> Cifar10BinaryReader.read(archive));

    assertTrue(e.getMessage().contains("Unsafe entry '../evil.bin'"), e.getMessage());
  }

  @Test
  void missingBatchAndBadLabelAreNamed() throws IOException {
    Map<String, byte[]> entries = batches();
    entries.remove("cifar-10-batches-bin/data_batch_4.bin");
    Path incomplete = Fixtures.tarGz(temp.resolve("incomplete.tar.gz"), entries);
    DatasetException missing =
        assertThrows(DatasetException.class, () -> Cifar10BinaryReader.read(incomplete));
    assertTrue(missing.getMessage().endsWith("lacks the CIFAR-10 batches [data_batch_4.bin]"));

    entries = batches();
    entries.put("cifar-10-batches-bin/test_batch.bin", batch(9, 12));
    Path badLabel = Fixtures.tarGz(temp.resolve("bad.tar.gz"), entries);
    DatasetException label =
        assertThrows(DatasetException.class, () -> Cifar10BinaryReader.read(badLabel));
    assertTrue(
        label.getMessage().contains("record 1: label 12, expected 0..9"), label.getMessage());
  }
}
