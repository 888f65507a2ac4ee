package org.delvm.benchmark.datasets;

/**
 * A data set could not be fetched or parsed. The message is meant for the person running the
 * benchmark: it names the file, the source or line, and what was expected.
 */
public class DatasetException extends RuntimeException {

  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
