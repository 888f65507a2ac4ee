package org.delvm.benchmark.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Verifies a file on disk against a {@link DataFile}: size, SHA-256, and MD5 where known. */
final class Checksums {

  private Checksums() {}

  /**
   * Checks {@code path} against {@code expected} and returns its SHA-256.
   *
   * @param source where the bytes came from, for the error message
   * @throws DatasetException on a size or checksum mismatch
   */
  static String verify(Path path, DataFile expected, String source) throws IOException {
    long size = Files.size(path);
    if (size < expected.size()) {
      throw new DatasetException(
          String.format(
              "%s from %s is truncated: expected %d bytes, received %d",
              expected.name(), source, expected.size(), size));
    }
    if (size > expected.size()) {
      throw new DatasetException(
          String.format(
              "%s from %s is too long: expected %d bytes, received %d",
              expected.name(), source, expected.size(), size));
    }
    MessageDigest sha256 = digest("SHA-256");
    MessageDigest md5 = digest("MD5");
    try (InputStream in = Files.newInputStream(path)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha256.update(buffer, 0, n);
        md5.update(buffer, 0, n);
      }
    }
    String actualSha256 = HexFormat.of().formatHex(sha256.digest());
    if (!actualSha256.equals(expected.sha256())) {
      throw new DatasetException(
          String.format(
              "%s from %s has the wrong SHA-256: expected %s, actual %s",
              expected.name(), source, expected.sha256(), actualSha256));
    }
    String actualMd5 = HexFormat.of().formatHex(md5.digest());
    if (expected.md5() != null && !actualMd5.equals(expected.md5())) {
      throw new DatasetException(
          String.format(
              "%s from %s has the wrong MD5: expected %s, actual %s",
              expected.name(), source, expected.md5(), actualMd5));
    }
    return actualSha256;
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has " + algorithm, e);
    }
  }
}
