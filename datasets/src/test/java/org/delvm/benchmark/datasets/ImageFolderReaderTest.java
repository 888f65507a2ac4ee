package org.delvm.benchmark.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

  @TempDir Path temp;

  /** A 2x1 PNG (width 2, height 1): left pixel {@code left}, right pixel {@code right}, RGB. */
  private static byte[] png(int left, int right) throws IOException {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, left);
    image.setRGB(1, 0, right);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    return bytes.toByteArray();
  }

  private static final int RED = 0xff0000;
  private static final int BLUE = 0x0000ff;

  private Path folderFixture() throws IOException {
    Path root = temp.resolve("images");
    Files.createDirectories(root.resolve("train/truck"));
    Files.createDirectories(root.resolve("train/cat"));
    Files.write(root.resolve("train/truck/0000.png"), png(RED, BLUE));
    Files.write(root.resolve("train/cat/0000.png"), png(BLUE, 0xffffff));
    Files.writeString(root.resolve("train/cat/notes.txt"), "ignored");
    return root;
  }

  @Test
  void readsAFolderSortedByClassAndFile() throws IOException {
    LabelledImages images = ImageFolderReader.read(folderFixture(), "train");

    assertArrayEquals(new int[] {0, 1}, images.labels(), "cat, truck: sorted folder names");
    assertEquals(1, images.height());
    assertEquals(2, images.width());
    // CHW: red plane (2 values), green plane, blue plane.
    assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1}, images.pixels()[1]);
    assertArrayEquals(new float[] {0, 1, 0, 1, 1, 1}, images.pixels()[0]);
  }

  @Test
  void usesAGivenClassListAndReadsTarGz() throws IOException {
    Path archive =
        Fixtures.tarGz(
            temp.resolve("images.tar.gz"),
            Fixtures.entries(
                "train/truck/0000.png", png(RED, BLUE),
                "test/cat/0000.png", png(RED, RED),
                "train/cat/0000.png", png(BLUE, 0xffffff)));

    LabelledImages images =
        ImageFolderReader.read(archive, "train", Cifar10BinaryReader.CLASS_NAMES);

    assertArrayEquals(new int[] {3, 9}, images.labels(), "CIFAR-10 indices of cat and truck");
    assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1}, images.pixels()[1]);
  }

  @Test
  void classFolderOutsideTheListIsAnError() throws IOException {
    Path root = folderFixture();
    DatasetException e =
        assertThrows(
            DatasetException.class, () -> ImageFolderReader.read(root, "train", List.of("cat")));
    assertTrue(e.getMessage().contains("class folder 'truck' is not one of [cat]"), e.getMessage());
  }
}
