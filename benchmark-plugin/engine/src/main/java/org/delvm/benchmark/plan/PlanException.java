package org.delvm.benchmark.plan;

/** A plan that cannot be read or that asks for something that does not exist. */
public final class PlanException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PlanException(String message) {
    super(message);
  }

  public PlanException(String message, Throwable cause) {
    super(message, cause);
  }
}
