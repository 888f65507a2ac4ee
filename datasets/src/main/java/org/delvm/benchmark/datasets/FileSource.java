package org.delvm.benchmark.datasets;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One place a data file can come from: a mirror, the bundled copies or a canonical URL. The fetcher
 * tries them in order and verifies whatever a source writes, so a source only moves bytes.
 */
interface FileSource {

  /** How the source appears in logs, in {@link FetchedDataset.FetchedFile#source()} and errors. */
  String description();

  /** Whether the source needs the network (skipped when offline). */
  boolean remote();

  /**
   * Writes the bytes of {@code file} to {@code target}, an existing temporary file.
   *
   * @throws IOException with a short reason when this source cannot deliver the file
   */
  void writeTo(DataFile file, Path target) throws IOException;
}
