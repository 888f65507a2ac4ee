package org.delvm.benchmark.report;

/** The report could not be written: the message names the path and what to do. */
public final class ReportException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
