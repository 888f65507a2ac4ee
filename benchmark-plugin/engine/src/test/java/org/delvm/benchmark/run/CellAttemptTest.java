package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.junit.jupiter.api.Test;

/** A cell's own failure, an out-of-memory error included, is a failed-cell record. */
class CellAttemptTest {

  private final List<String> warnings = new ArrayList<>();
  private final RunLog log = new RunLog(line -> {}, warnings::add);
  private final Cell cell = TinyPlans.cell("c");

  @Test
  void outOfMemoryBecomesAFailedCell() {
    CellResult result =
        CellAttempt.run(
            cell,
            () -> {
              throw new OutOfMemoryError("Cannot allocate new FloatPointer(1000000000)");
            },
            log);

    assertEquals(CellStatus.FAILED, result.status());
    assertTrue(result.message().startsWith("out of memory (Cannot allocate"), result.message());
    assertTrue(result.message().contains("batchSize smaller"), result.message());
    assertTrue(warnings.get(0).startsWith("cell c: FAILED: out of memory"), warnings.toString());
  }

  @Test
  void exceptionsAndStackOverflowsBecomeFailedCellsButOtherErrorsDoNot() {
    assertEquals(
        CellStatus.FAILED,
        CellAttempt.run(
                cell,
                () -> {
                  throw new IllegalStateException("NaN in the weights");
                },
                log)
            .status());
    assertEquals(
        CellStatus.FAILED,
        CellAttempt.run(
                cell,
                () -> {
                  throw new StackOverflowError();
                },
                log)
            .status());
    assertThrows(
        LinkageError.class,
        () ->
            CellAttempt.run(
                cell,
                () -> {
                  throw new LinkageError("broken class path");
                },
                log));
  }
}
