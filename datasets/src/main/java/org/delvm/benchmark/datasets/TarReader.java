package org.delvm.benchmark.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A minimal streaming reader for tar archives, enough for the data sets' tar.gz files: ustar and
 * GNU headers in 512-byte blocks, GNU long names ({@code L} entries) and pax {@code path} records.
 * Entries are read in archive order straight from the stream; nothing is extracted to disk. Every
 * entry name is checked with {@link ArchiveEntries#requireSafe}.
 *
 * <p>Use: {@code for (Entry e; (e = tar.next()) != null; ) { if (e.regularFile()) ...
 * tar.readContent() ... }}.
 */
final class TarReader implements AutoCloseable {

  private static final int BLOCK = 512;

  /**
   * One tar entry.
   *
   * @param name path inside the archive
   * @param size content size in bytes
   * @param regularFile true for a file (not a folder, link or device)
   */
  record Entry(String name, long size, boolean regularFile) {}

  private final InputStream in;
  private final String archiveName;
  private long unreadContent;
  private long padding;

  TarReader(InputStream tar, String archiveName) {
    this.in = tar;
    this.archiveName = archiveName;
  }

  /** Opens a gzip-compressed tar file. */
  static TarReader openGzip(Path tarGz) throws IOException {
    InputStream file = Files.newInputStream(tarGz);
    try {
      return new TarReader(
          new BufferedInputStream(new GZIPInputStream(file, 1 << 16), 1 << 16), tarGz.toString());
    } catch (IOException e) {
      file.close();
      throw e;
    }
  }

  /** The next entry, or null at the end of the archive; skips what was not read of the last. */
  Entry next() throws IOException {
    in.skipNBytes(unreadContent + padding);
    unreadContent = 0;
    padding = 0;
    String longName = null;
    while (true) {
      byte[] header = in.readNBytes(BLOCK);
      if (header.length == 0 || isZero(header)) {
        return null;
      }
      if (header.length < BLOCK) {
        throw new DatasetException(archiveName + ": truncated tar header");
      }
      verifyChecksum(header);
      long size = parseNumber(header, 124, 12);
      char type = (char) header[156];
      String name = longName != null ? longName : headerName(header);
      if (type == 'L' || type == 'x' || type == 'g') {
        String content = new String(readBytes(size), StandardCharsets.UTF_8);
        skipPadding(size);
        if (type == 'L') {
          longName = content.split("\0", 2)[0];
        } else if (type == 'x' && paxPath(content) != null) {
          longName = paxPath(content);
        }
        continue;
      }
      ArchiveEntries.requireSafe(name, archiveName);
      unreadContent = size;
      padding = paddingFor(size);
      return new Entry(name, size, type == '0' || type == '\0' || type == '7');
    }
  }

  /** The content of the entry {@link #next()} returned last. */
  byte[] readContent() throws IOException {
    byte[] content = readBytes(unreadContent);
    unreadContent = 0;
    return content;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private byte[] readBytes(long size) throws IOException {
    if (size > Integer.MAX_VALUE - 8) {
      throw new DatasetException(archiveName + ": a tar entry of " + size + " bytes is too large");
    }
    byte[] content = in.readNBytes((int) size);
    if (content.length < size) {
      throw new DatasetException(
          archiveName
              + ": truncated tar entry, expected "
              + size
              + " bytes, found "
              + content.length);
    }
    return content;
  }

  private void skipPadding(long size) throws IOException {
    in.skipNBytes(paddingFor(size));
  }

  private static long paddingFor(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  /** The name field, with the ustar prefix field in front when the header is POSIX ustar. */
  private static String headerName(byte[] header) {
    String name = text(header, 0, 100);
    boolean posixUstar = text(header, 257, 6).equals("ustar");
    String prefix = posixUstar ? text(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** The value of a pax {@code path} record ("<length> path=<value>\n"), or null. */
  private static String paxPath(String records) {
    for (String record : records.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }

  private void verifyChecksum(byte[] header) {
    long stored = parseNumber(header, 148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      // The checksum field itself counts as eight spaces.
      sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
    }
    if (sum != stored) {
      throw new DatasetException(
          archiveName
              + ": bad tar header checksum (is this a tar archive?) near '"
              + text(header, 0, 100)
              + "'");
    }
  }

  /** An octal field, or GNU's base-256 form (high bit set) used for sizes of 8 GiB and more. */
  private long parseNumber(byte[] header, int offset, int length) {
    if ((header[offset] & 0x80) != 0) {
      long value = header[offset] & 0x7f;
      for (int i = offset + 1; i < offset + length; i++) {
        value = (value << 8) | (header[i] & 0xff);
      }
      return value;
    }
    String digits = text(header, offset, length).strip();
    try {
      return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    } catch (NumberFormatException e) {
      throw new DatasetException(archiveName + ": bad number '" + digits + "' in a tar header");
    }
  }

  /** A NUL-terminated header field. */
  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
