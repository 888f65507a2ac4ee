package org.delvm.benchmark.datasets;

/**
 * The setup is broken, not the data merely absent: a cache folder that cannot be used, or a local
 * mirror or bundled copy whose bytes do not match the catalogue (tampered, damaged or the wrong
 * file). Unlike a data set that cannot be had (offline, no mirror), this never skips cells: it
 * stops the build before any training, since every result would be missing or built on wrong data.
 */
public class DatasetSetupException extends DatasetException {

  public DatasetSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
