package org.delvm.benchmark.datasets;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a data set, as the fetcher must deliver it: its name inside the data set's folder,
 * its exact size and SHA-256, and the publisher's MD5 where the publisher prints one.
 *
 * <p>Every copy is verified against the size and SHA-256. The MD5 is kept (and checked too) because
 * it is the checksum the original publishers print, so a reader can compare it with their page.
 *
 * @param name file name, without any directory part
 * @param size size in bytes
 * @param sha256 lower-case hex SHA-256 of the exact bytes
 * @param md5 lower-case hex MD5 from the publisher, or {@code null} when none is published
 */
public record DataFile(String name, long size, String sha256, String md5) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");

  public DataFile {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.contains("/") || name.contains("\\") || name.equals("..")) {
      throw new IllegalArgumentException("A data file name must be a plain file name: " + name);
    }
    if (size < 0) {
      throw new IllegalArgumentException(name + ": negative size " + size);
    }
    if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException(name + ": SHA-256 must be 64 lower-case hex digits");
    }
    if (md5 != null && !MD5_HEX.matcher(md5).matches()) {
      throw new IllegalArgumentException(name + ": MD5 must be 32 lower-case hex digits");
    }
  }

  /** A file for which the publisher gives no MD5. */
  public static DataFile of(String name, long size, String sha256) {
    return new DataFile(name, size, sha256, null);
  }
}
