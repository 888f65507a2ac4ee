package org.delvm.benchmark.datasets;

/**
 * Rejects archive entry names that could write outside the folder they are extracted into ("zip
 * slip"): absolute paths and names with a {@code ..} segment. Checked for every entry of every zip
 * and tar the module reads, even where it only reads entries into memory, so a tampered archive is
 * reported rather than half-used.
 */
final class ArchiveEntries {

  private ArchiveEntries() {}

  /** Throws {@link DatasetException} when {@code name} is not a safe relative path. */
  static void requireSafe(String name, String archive) {
    String path = name.replace('\\', '/');
    if (path.startsWith("/") || path.matches("[A-Za-z]:.*")) {
      throw new DatasetException(
          "Unsafe entry '" + name + "' in " + archive + ": absolute paths are not allowed");
    }
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        throw new DatasetException(
            "Unsafe entry '" + name + "' in " + archive + ": it escapes the archive's folder");
      }
    }
  }
}
