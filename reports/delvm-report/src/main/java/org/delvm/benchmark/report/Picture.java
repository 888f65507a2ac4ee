package org.delvm.benchmark.report;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One small picture of a cell (a test image, the model's reconstruction of it, a sample), a PNG
 * shown inline in the report's cell details. The cell's pictures form strips: consecutive pictures
 * with the same {@code row} are shown side by side under that row's caption.
 *
 * @param row the caption of the strip the picture belongs to (e.g. {@code test images}); it says
 *     how the pixels were scaled for display and, for samples, the sampler's settings
 * @param caption what this picture is (e.g. {@code Sneaker}, {@code anomaly, score 12.3}), shown
 *     under it
 * @param width the PNG's width in pixels
 * @param height the PNG's height in pixels
 * @param pngBase64 the PNG file, base64 (RFC 4648, no line breaks)
 */
public record Picture(String row, String caption, int width, int height, String pngBase64) {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Pictures are displayed at an integer multiple of their size, about this many pixels tall. */
  private static final int DISPLAY_PIXELS = 64;

  public Picture {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(caption, "caption");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "a picture needs a positive size, got " + width + "x" + height);
    }
    byte[] png;
    try {
      png = Base64.getDecoder().decode(Objects.requireNonNull(pngBase64, "pngBase64"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the picture '" + caption + "' is not base64", e);
    }
    // Only a PNG goes into the page's data: URI.
    if (png.length < PNG_SIGNATURE.length
        || !Arrays.equals(Arrays.copyOf(png, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
      throw new IllegalArgumentException("the picture '" + caption + "' is not a PNG");
    }
  }

  /** A picture from the bytes of a PNG of {@code width x height} pixels. */
  public static Picture png(String row, String caption, int width, int height, byte[] png) {
    return new Picture(row, caption, width, height, Base64.getEncoder().encodeToString(png));
  }

  /** The PNG as a {@code data:} URI, for the self-contained page. */
  public String dataUri() {
    return "data:image/png;base64," + pngBase64;
  }

  /** The integer factor the page enlarges the picture by (pixels stay sharp squares). */
  public int displayScale() {
    return Math.max(1, DISPLAY_PIXELS / Math.max(width, height));
  }
}
