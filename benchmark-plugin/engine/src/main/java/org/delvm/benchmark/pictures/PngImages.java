package org.delvm.benchmark.pictures;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes one image of float pixels (CHW: channel planes of height x width, the layout of the
 * datasets and models) as a PNG: grayscale for one channel, RGB for three; pixel values in {@code
 * [low, high]} map linearly onto 0..255 (values outside are clipped). Tiny images are enlarged by
 * repeating pixels, so that the page shows sharp squares rather than a blur.
 */
public final class PngImages {

  /** Images whose longer side is below this many pixels are enlarged twice. */
  static final int TINY = 32;

  /** The PNG and its size in pixels (after any enlargement). */
  record Png(byte[] bytes, int width, int height) {}

  /** A range of pixel values shown as black (low) to white (high). */
  public record Range(float low, float high) {

    /** The smallest and largest finite value of {@code pixels}: a min-max scaling. */
    public static Range of(float[] pixels) {
      float low = Float.POSITIVE_INFINITY;
      float high = Float.NEGATIVE_INFINITY;
      for (float v : pixels) {
        if (Float.isFinite(v)) {
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      }
      return low <= high ? new Range(low, high) : new Range(0, 1);
    }
  }

  private PngImages() {}

  /** The factor a picture of this size is enlarged by: 2 when tiny, else 1. */
  static int scale(int height, int width) {
    return Math.max(height, width) < TINY ? 2 : 1;
  }

  /**
   * Encodes the image; {@code range} gives the values shown as black and white (non-finite pixels
   * are black; a range of one value shows everything mid-grey).
   */
  static Png encode(float[] pixels, int channels, int height, int width, Range range) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException(
          "a picture needs 1 (grayscale) or 3 (RGB) channels, got " + channels);
    }
    if (height <= 0 || width <= 0 || pixels.length != channels * height * width) {
      throw new IllegalArgumentException(
          "expected "
              + channels
              + " x "
              + height
              + " x "
              + width
              + " pixels, got "
              + pixels.length);
    }
    int scale = scale(height, width);
    BufferedImage image =
        new BufferedImage(
            width * scale,
            height * scale,
            channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
    WritableRaster raster = image.getRaster();
    int plane = height * width;
    int[] sample = new int[channels];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < channels; c++) {
          sample[c] = level(pixels[c * plane + y * width + x], range);
        }
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            // The raster's bands are R, G, B (grey) whatever the bytes' order in memory.
            raster.setPixel(x * scale + dx, y * scale + dy, sample);
          }
        }
      }
    }
    return new Png(png(image), width * scale, height * scale);
  }

  /** 0..255 for a value in the range. */
  public static int level(float value, Range range) {
    if (!Float.isFinite(value)) {
      return 0;
    }
    double span = (double) range.high() - range.low();
    if (!(span > 0)) {
      return 128;
    }
    long level = Math.round(255 * ((value - (double) range.low()) / span));
    return (int) Math.max(0, Math.min(255, level));
  }

  /** PNG bytes, written in memory (no temporary files, no change to ImageIO's global cache use). */
  public static byte[] png(BufferedImage image) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this JVM has no PNG writer (javax.imageio)");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(image);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a PNG in memory", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
