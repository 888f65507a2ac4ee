package org.delvm.benchmark.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CIFAR-10's binary version straight from {@code cifar-10-binary.tar.gz}, without extracting
 * it. The archive holds {@code data_batch_1.bin} .. {@code data_batch_5.bin} (the training set, in
 * that order) and {@code test_batch.bin}. Each record is one label byte (0..9, see {@link
 * #CLASS_NAMES}) and 3072 pixel bytes: the 32x32 red plane, then green, then blue, row by row,
 * which is already the CHW layout of {@link LabelledImages}.
 */
public final class Cifar10BinaryReader {

  /** The class names in label order 0..9. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  private static final int SIDE = 32;
  private static final int IMAGE_BYTES = 3 * SIDE * SIDE;
  private static final int RECORD_BYTES = 1 + IMAGE_BYTES;
  private static final List<String> TRAIN_BATCHES =
      List.of(
          "data_batch_1.bin",
          "data_batch_2.bin",
          "data_batch_3.bin",
          "data_batch_4.bin",
          "data_batch_5.bin");
  private static final String TEST_BATCH = "test_batch.bin";

  private Cifar10BinaryReader() {}

  /**
   * Reads the train and test splits, pixels scaled to [0, 1].
   *
   * @throws DatasetException when a batch is missing, a batch is not a whole number of records, a
   *     label is outside 0..9, or an entry name is unsafe
   */
  public static ImageSplits read(Path tarGz) throws IOException {
    Map<String, byte[]> batches = new HashMap<>();
    try (TarReader tar = TarReader.openGzip(tarGz)) {
      for (TarReader.Entry entry; (entry = tar.next()) != null; ) {
        String baseName = entry.name().substring(entry.name().lastIndexOf('/') + 1);
        boolean wanted = TRAIN_BATCHES.contains(baseName) || baseName.equals(TEST_BATCH);
        if (entry.regularFile() && wanted) {
          batches.put(baseName, tar.readContent());
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (String name : allBatches()) {
      if (!batches.containsKey(name)) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new DatasetException(tarGz + " lacks the CIFAR-10 batches " + missing);
    }
    List<byte[]> train = new ArrayList<>();
    for (String name : TRAIN_BATCHES) {
      train.add(batches.get(name));
    }
    return new ImageSplits(
        decode(train, TRAIN_BATCHES, tarGz),
        decode(List.of(batches.get(TEST_BATCH)), List.of(TEST_BATCH), tarGz));
  }

  private static List<String> allBatches() {
    List<String> all = new ArrayList<>(TRAIN_BATCHES);
    all.add(TEST_BATCH);
    return all;
  }

  /** Concatenates the records of the given batches, in order. */
  private static LabelledImages decode(List<byte[]> batches, List<String> names, Path tarGz) {
    int count = 0;
    for (int b = 0; b < batches.size(); b++) {
      int length = batches.get(b).length;
      if (length % RECORD_BYTES != 0) {
        throw new DatasetException(
            String.format(
                "%s in %s: %d bytes is not a whole number of %d-byte records",
                names.get(b), tarGz, length, RECORD_BYTES));
      }
      count += length / RECORD_BYTES;
    }
    float[][] pixels = new float[count][];
    int[] labels = new int[count];
    int image = 0;
    for (int b = 0; b < batches.size(); b++) {
      byte[] data = batches.get(b);
      for (int offset = 0; offset < data.length; offset += RECORD_BYTES, image++) {
        int label = data[offset] & 0xff;
        if (label >= CLASS_NAMES.size()) {
          throw new DatasetException(
              String.format(
                  "%s in %s, record %d: label %d, expected 0..9",
                  names.get(b), tarGz, offset / RECORD_BYTES, label));
        }
        labels[image] = label;
        float[] values = new float[IMAGE_BYTES];
        for (int j = 0; j < IMAGE_BYTES; j++) {
          values[j] = (data[offset + 1 + j] & 0xff) / 255f;
        }
        pixels[image] = values;
      }
    }
    return new LabelledImages(pixels, labels, 3, SIDE, SIDE, tarGz + " " + String.join(",", names));
  }
}
