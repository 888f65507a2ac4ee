package org.delvm.benchmark.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provenance of a dataset a run used: its verified files and how it was split.
 *
 * @param lossy true when the data is not the original (e.g. a JPEG copy): the report warns
 * @param protocol the preprocessing and split actually realised (rule, seed, counts)
 */
public record DatasetRecord(
    String id,
    String title,
    boolean lossy,
    String note,
    List<FileRecord> files,
    Map<String, String> protocol) {

  public DatasetRecord {
    files = List.copyOf(files);
    protocol = Collections.unmodifiableMap(new LinkedHashMap<>(protocol));
  }

  /** A verified file: name, size, SHA-256 and where it came from (cache, mirror, URL, bundled). */
  public record FileRecord(String name, long sizeBytes, String sha256, String source) {}
}
