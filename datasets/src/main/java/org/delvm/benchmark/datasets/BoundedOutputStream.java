package org.delvm.benchmark.datasets;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes at most {@code limit} bytes on and fails on the next: a cap on what a source may write.
 */
final class BoundedOutputStream extends FilterOutputStream {

  /** More bytes arrived than the limit allows. */
  static final class LimitReached extends IOException {
    LimitReached(long limit) {
      super("more than " + limit + " bytes");
    }
  }

  private final long limit;
  private long written;

  BoundedOutputStream(OutputStream out, long limit) {
    super(out);
    this.limit = limit;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (written + len > limit) {
      throw new LimitReached(limit);
    }
    out.write(b, off, len);
    written += len;
  }
}
