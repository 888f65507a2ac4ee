package org.delvm.benchmark.pictures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

public class PngImagesTest {

  public static BufferedImage decode(byte[] png) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  @Test
  void aTinyGrayscaleImageDecodesBackToItsLevelsEnlargedTwiceWithSharpPixels() throws Exception {
    // 2 rows x 3 columns, row-major; -1 and 2 fall outside [0, 1] and are clipped.
    float[] pixels = {0f, 0.5f, 1f, -1f, 2f, 0.2f};
    PngImages.Png png = PngImages.encode(pixels, 1, 2, 3, new PngImages.Range(0, 1));

    assertEquals(6, png.width());
    assertEquals(4, png.height());
    BufferedImage image = decode(png.bytes());
    assertEquals(6, image.getWidth());
    assertEquals(4, image.getHeight());
    assertEquals(1, image.getRaster().getNumBands(), "grayscale");
    int[] expected = {0, 128, 255, 0, 255, 51};
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 6; x++) {
        assertEquals(
            expected[(y / 2) * 3 + x / 2],
            image.getRaster().getSample(x, y, 0),
            "pixel (" + x + ", " + y + ")");
      }
    }
  }

  @Test
  void threeChannelPlanesBecomeRedGreenAndBlue() throws Exception {
    // CHW: a red plane, a green plane and a blue plane of 1 x 2 pixels.
    float[] pixels = {1f, 0f, 0f, 1f, 0.5f, 0.5f};
    BufferedImage image =
        decode(PngImages.encode(pixels, 3, 1, 2, new PngImages.Range(0, 1)).bytes());

    assertEquals(3, image.getRaster().getNumBands());
    assertArrayEquals(new int[] {255, 0, 128}, image.getRaster().getPixel(0, 0, new int[3]));
    assertArrayEquals(new int[] {0, 255, 128}, image.getRaster().getPixel(3, 1, new int[3]));
    assertEquals(0xff0080, image.getRGB(1, 0) & 0xffffff);
  }

  @Test
  void aMinMaxRangeStretchesStandardisedPixelsAndNormalSizedImagesStayAsTheyAre() throws Exception {
    float[] pixels = new float[3 * 32 * 32];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = -2f + 4f * i / (pixels.length - 1);
    }
    pixels[5] = Float.NaN;
    PngImages.Range range = PngImages.Range.of(pixels);
    assertEquals(new PngImages.Range(-2f, 2f), range, "NaN ignored");

    PngImages.Png png = PngImages.encode(pixels, 3, 32, 32, range);
    assertEquals(32, png.width(), "32 pixels is not tiny");
    BufferedImage image = decode(png.bytes());
    assertEquals(0, image.getRaster().getSample(0, 0, 0), "the minimum is black");
    assertEquals(255, image.getRaster().getSample(31, 31, 2), "the maximum is white");
    assertEquals(0, image.getRaster().getSample(5, 0, 0), "NaN is black");
  }

  @Test
  void levelsOfDegenerateRanges() {
    assertEquals(128, PngImages.level(3f, new PngImages.Range(3f, 3f)), "one value: mid-grey");
    assertEquals(new PngImages.Range(0, 1), PngImages.Range.of(new float[] {Float.NaN}));
    assertEquals(2, PngImages.scale(28, 28));
    assertEquals(1, PngImages.scale(32, 32));
  }

  @Test
  void refusesShapesItCannotShow() {
    PngImages.Range range = new PngImages.Range(0, 1);
    assertThrows(
        IllegalArgumentException.class, () -> PngImages.encode(new float[8], 2, 2, 2, range));
    assertThrows(
        IllegalArgumentException.class, () -> PngImages.encode(new float[5], 1, 2, 3, range));
  }
}
