package org.delvm.benchmark.run;

import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;

/**
 * Trains and evaluates one cell whose data is at hand; one runner per {@link
 * org.delvm.benchmark.plan.EvaluationKind}. A divergence is a result ({@code diverged}); an
 * exception is turned into a failed cell by {@link CellAttempt}.
 */
@FunctionalInterface
interface CellRunner {
  CellResult run(Cell cell);
}
