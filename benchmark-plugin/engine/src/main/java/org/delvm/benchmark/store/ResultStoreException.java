package org.delvm.benchmark.store;

/** The results directory cannot be used: the message names the path. */
public final class ResultStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ResultStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
