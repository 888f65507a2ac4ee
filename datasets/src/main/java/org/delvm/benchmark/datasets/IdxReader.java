package org.delvm.benchmark.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, gzip-compressed or plain. An IDX file is a
 * big-endian int magic number ({@value #IMAGES_MAGIC} for unsigned-byte images with three
 * dimensions, {@value #LABELS_MAGIC} for unsigned-byte labels with one), one int per dimension,
 * then the bytes.
 */
public final class IdxReader {

  public static final int IMAGES_MAGIC = 2051;
  public static final int LABELS_MAGIC = 2049;

  private IdxReader() {}

  /**
   * Reads an images file and its labels file into grey images with pixels scaled to [0, 1].
   *
   * @throws DatasetException on a wrong magic number, a size that does not match the declared
   *     dimensions, or image and label counts that differ
   */
  public static LabelledImages read(Path imagesFile, Path labelsFile) throws IOException {
    int[] labels = readLabels(labelsFile);
    try (DataInputStream in = open(imagesFile)) {
      requireMagic(in, IMAGES_MAGIC, imagesFile);
      int count = readDimension(in, imagesFile, "image count");
      int rows = readDimension(in, imagesFile, "rows");
      int columns = readDimension(in, imagesFile, "columns");
      if (count != labels.length) {
        throw new DatasetException(
            imagesFile
                + " holds "
                + count
                + " images but "
                + labelsFile
                + " "
                + labels.length
                + " labels");
      }
      int imageSize = Math.multiplyExact(rows, columns);
      byte[] data = readExactly(in, Math.multiplyExact((long) count, imageSize), imagesFile);
      float[][] pixels = new float[count][imageSize];
      for (int i = 0; i < count; i++) {
        for (int j = 0; j < imageSize; j++) {
          pixels[i][j] = (data[i * imageSize + j] & 0xff) / 255f;
        }
      }
      return new LabelledImages(pixels, labels, 1, rows, columns, imagesFile.toString());
    }
  }

  /** Reads a labels file (magic {@value #LABELS_MAGIC}); labels are 0..255. */
  public static int[] readLabels(Path labelsFile) throws IOException {
    try (DataInputStream in = open(labelsFile)) {
      requireMagic(in, LABELS_MAGIC, labelsFile);
      int count = readDimension(in, labelsFile, "label count");
      byte[] data = readExactly(in, count, labelsFile);
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = data[i] & 0xff;
      }
      return labels;
    }
  }

  /** Opens the file, decompressing it when it starts with the gzip signature. */
  private static DataInputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file));
    in.mark(2);
    boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    return new DataInputStream(
        gzip ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16)) : in);
  }

  private static void requireMagic(DataInputStream in, int expected, Path file) throws IOException {
    int magic = readHeaderInt(in, file, "magic number");
    if (magic != expected) {
      throw new DatasetException(
          String.format(
              "%s: magic number %d, expected %d (%s)",
              file, magic, expected, expected == IMAGES_MAGIC ? "IDX images" : "IDX labels"));
    }
  }

  private static int readDimension(DataInputStream in, Path file, String what) throws IOException {
    int value = readHeaderInt(in, file, what);
    if (value < 0) {
      throw new DatasetException(file + ": negative " + what + " " + value);
    }
    return value;
  }

  private static int readHeaderInt(DataInputStream in, Path file, String what) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new DatasetException(file + ": file ends inside the header, before the " + what);
    }
  }

  /** Reads exactly {@code length} bytes and checks that nothing follows them. */
  private static byte[] readExactly(InputStream in, long length, Path file) throws IOException {
    if (length > Integer.MAX_VALUE - 8) {
      throw new DatasetException(file + ": declares " + length + " bytes, too many to load");
    }
    byte[] data = in.readNBytes((int) length);
    if (data.length < length) {
      throw new DatasetException(
          file + ": the header declares " + length + " data bytes, the file has " + data.length);
    }
    if (in.read() != -1) {
      throw new DatasetException(
          file + ": more data than the " + length + " bytes the header declares");
    }
    return data;
  }
}
