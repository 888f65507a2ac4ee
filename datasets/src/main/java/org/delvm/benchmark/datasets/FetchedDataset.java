package org.delvm.benchmark.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * A data set whose files are all present in the cache and verified.
 *
 * @param id the data set id
 * @param directory the cache folder holding the files
 * @param files one entry per file, in descriptor order
 */
public record FetchedDataset(String id, Path directory, List<FetchedFile> files) {

  public FetchedDataset {
    files = List.copyOf(files);
  }

  /**
   * One verified file.
   *
   * @param name file name
   * @param path where it lies in the cache
   * @param size size in bytes
   * @param sha256 the SHA-256 computed on the cached bytes
   * @param source where the bytes came from this time: {@code cache}, {@code mirror <path or url>},
   *     {@code bundled}, or the canonical URL
   */
  public record FetchedFile(String name, Path path, long size, String sha256, String source) {}

  /** The cached path of the named file; {@link IllegalArgumentException} when there is none. */
  public Path path(String fileName) {
    return files.stream()
        .filter(f -> f.name().equals(fileName))
        .map(FetchedFile::path)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(id + " has no file " + fileName));
  }
}
