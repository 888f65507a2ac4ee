package org.delvm.benchmark.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  @TempDir Path temp;

  /** Three 2x2 images, pixel values 0, 51, 255, ... */
  private static final byte[] PIXELS = {0, 51, (byte) 255, 1, 2, 3, 4, 5, 6, 7, 8, (byte) 128};

  private static byte[] idx(int magic, int[] dimensions, byte[] data) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
    buffer.putInt(magic);
    for (int dimension : dimensions) {
      buffer.putInt(dimension);
    }
    return buffer.put(data).array();
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(temp.resolve(name), content);
  }

  @Test
  void readsGzippedAndPlainFiles() throws IOException {
    Path images = write("images.gz", Fixtures.gzip(idx(2051, new int[] {3, 2, 2}, PIXELS)));
    Path labels = write("labels", idx(2049, new int[] {3}, new byte[] {9, 0, 4}));

    LabelledImages read = IdxReader.read(images, labels);

    assertEquals(3, read.size());
    assertEquals(1, read.channels());
    assertEquals(2, read.height());
    assertEquals(2, read.width());
    assertArrayEquals(new int[] {9, 0, 4}, read.labels());
    assertArrayEquals(new float[] {0f, 0.2f, 1f, 1 / 255f}, read.pixels()[0]);
    assertEquals(128 / 255f, read.pixels()[2][3]);
  }

  @Test
  void wrongMagicNumberIsNamed() throws IOException {
    Path labels = write("labels", idx(2049, new int[] {3}, new byte[] {9, 0, 4}));

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(labels, labels));

    assertEquals(labels + ": magic number 2049, expected 2051 (IDX images)", e.getMessage());
  }

  @Test
  void dataShorterOrLongerThanDeclaredIsRejected() throws IOException {
    Path labels = write("labels", idx(2049, new int[] {3}, new byte[] {9, 0, 4}));
    Path shortImages = write("short", idx(2051, new int[] {3, 2, 2}, new byte[11]));
    Path longImages = write("long", idx(2051, new int[] {3, 2, 2}, new byte[13]));

    DatasetException tooShort =
        assertThrows(DatasetException.class, () -> IdxReader.read(shortImages, labels));
    DatasetException tooLong =
        assertThrows(DatasetException.class, () -> IdxReader.read(longImages, labels));

    assertTrue(tooShort.getMessage().contains("declares 12 data bytes, the file has 11"));
    assertTrue(tooLong.getMessage().contains("more data than the 12 bytes"));
  }

  @Test
  void imageAndLabelCountsMustAgree() throws IOException {
    Path images = write("images", idx(2051, new int[] {3, 2, 2}, PIXELS));
    Path labels = write("labels", idx(2049, new int[] {2}, new byte[] {1, 2}));

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(images, labels));

    assertTrue(e.getMessage().contains("3 images but " + labels + " 2 labels"), e.getMessage());
  }
}
