package org.delvm.benchmark.models.objectives;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.delvm.benchmark.models.graph.ConvShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * im2col and col2im between a batch of images (n x C*H*W, one image per row) and columns in the
 * channel-major layout K x (n P) (K = C k^2 taps, P = H W pixels, all images side by side), for a
 * stride-1 convolution with (k - 1) / 2 zero padding on every side (odd k). ND4J's im2col writes n
 * x K x P; writing K x (n P) through a permuted view of it ran ~20x slower than a GEMM pass, so
 * these copy whole image rows with bulk buffer copies instead. Float and double buffers.
 */
final class ChannelMajorColumns {

  private final ConvShape s;
  private final int n;
  private final int pad;
  private final int bytes;
  private final ByteBuffer zeros;

  ChannelMajorColumns(ConvShape s, int n, DataType type) {
    if (s.kernel() % 2 != 1) {
      throw new IllegalArgumentException("channel-major columns need an odd kernel, got " + s);
    }
    if (type != DataType.FLOAT && type != DataType.DOUBLE) {
      throw new IllegalArgumentException("float or double buffers only, got " + type);
    }
    this.s = s;
    this.n = n;
    this.pad = (s.kernel() - 1) / 2;
    this.bytes = type.width();
    this.zeros = ByteBuffer.allocateDirect(s.width() * bytes);
  }

  /** A fresh array's whole buffer (views with an offset are refused). */
  static ByteBuffer bytes(INDArray a) {
    if (a.offset() != 0) {
      throw new IllegalArgumentException("a buffer of its own is needed");
    }
    return a.data().asNio().order(ByteOrder.nativeOrder());
  }

  /** columns[K x (n P)] (the first K rows of the buffer) = im2col(batch). */
  void im2col(ByteBuffer batch, ByteBuffer columns) {
    int h = s.height();
    int w = s.width();
    int k = s.kernel();
    int pixels = h * w;
    long columnsPerRow = (long) n * pixels;
    int image = s.channels() * pixels;
    for (int c = 0; c < s.channels(); c++) {
      for (int kh = 0; kh < k; kh++) {
        int dy = kh - pad;
        for (int kw = 0; kw < k; kw++) {
          int dx = kw - pad;
          long row = (long) (c * k + kh) * k + kw;
          int x0 = Math.max(0, -dx);
          int x1 = Math.min(w, w - dx);
          for (int i = 0; i < n; i++) {
            long base = row * columnsPerRow + (long) i * pixels;
            for (int y = 0; y < h; y++) {
              int dst = (int) ((base + (long) y * w) * bytes);
              int sy = y + dy;
              if (sy < 0 || sy >= h) {
                columns.put(dst, zeros, 0, w * bytes);
                continue;
              }
              int src = (i * image + c * pixels + sy * w + x0 + dx) * bytes;
              if (x0 > 0) {
                columns.put(dst, zeros, 0, x0 * bytes);
              }
              columns.put(dst + x0 * bytes, batch, src, (x1 - x0) * bytes);
              if (x1 < w) {
                columns.put(dst + x1 * bytes, zeros, 0, (w - x1) * bytes);
              }
            }
          }
        }
      }
    }
  }

  /** batch (n x C*H*W) = col2im(columns[K x (n P)]): each tap's column added where it reads. */
  void col2im(ByteBuffer columns, ByteBuffer batch) {
    if (bytes == 4) {
      col2im(columns.asFloatBuffer(), batch.asFloatBuffer());
    } else {
      col2im(columns.asDoubleBuffer(), batch.asDoubleBuffer());
    }
  }

  private void col2im(FloatBuffer columns, FloatBuffer batch) {
    int h = s.height();
    int w = s.width();
    int k = s.kernel();
    int pixels = h * w;
    int columnsPerRow = n * pixels;
    int image = s.channels() * pixels;
    for (int e = 0; e < n * image; e++) {
      batch.put(e, 0f);
    }
    for (int c = 0; c < s.channels(); c++) {
      for (int kh = 0; kh < k; kh++) {
        int dy = kh - pad;
        int y0 = Math.max(0, -dy);
        int y1 = Math.min(h, h - dy);
        for (int kw = 0; kw < k; kw++) {
          int dx = kw - pad;
          int x0 = Math.max(0, -dx);
          int x1 = Math.min(w, w - dx);
          int row = ((c * k + kh) * k + kw) * columnsPerRow;
          for (int i = 0; i < n; i++) {
            for (int y = y0; y < y1; y++) {
              int src = row + i * pixels + y * w;
              int dst = i * image + c * pixels + (y + dy) * w + dx;
              for (int x = x0; x < x1; x++) {
                batch.put(dst + x, batch.get(dst + x) + columns.get(src + x));
              }
            }
          }
        }
      }
    }
  }

  private void col2im(DoubleBuffer columns, DoubleBuffer batch) {
    int h = s.height();
    int w = s.width();
    int k = s.kernel();
    int pixels = h * w;
    int columnsPerRow = n * pixels;
    int image = s.channels() * pixels;
    for (int e = 0; e < n * image; e++) {
      batch.put(e, 0d);
    }
    for (int c = 0; c < s.channels(); c++) {
      for (int kh = 0; kh < k; kh++) {
        int dy = kh - pad;
        int y0 = Math.max(0, -dy);
        int y1 = Math.min(h, h - dy);
        for (int kw = 0; kw < k; kw++) {
          int dx = kw - pad;
          int x0 = Math.max(0, -dx);
          int x1 = Math.min(w, w - dx);
          int row = ((c * k + kh) * k + kw) * columnsPerRow;
          for (int i = 0; i < n; i++) {
            for (int y = y0; y < y1; y++) {
              int src = row + i * pixels + y * w;
              int dst = i * image + c * pixels + (y + dy) * w + dx;
              for (int x = x0; x < x1; x++) {
                batch.put(dst + x, batch.get(dst + x) + columns.get(src + x));
              }
            }
          }
        }
      }
    }
  }
}
