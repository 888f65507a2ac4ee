package org.delvm.benchmark.run;

import java.util.function.Supplier;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;

/**
 * Runs one cell so that whatever goes wrong in it stays in it: an exception, an OutOfMemoryError
 * (heap, or JavaCPP's off-heap limit, which throws the same error) or a stack overflow becomes a
 * failed cell with the reason, and the plan goes on. Other errors (a broken JVM or class path) are
 * not the cell's and still stop the build.
 */
final class CellAttempt {

  private CellAttempt() {}

  static CellResult run(Cell cell, Supplier<CellResult> compute, RunLog log) {
    try {
      return compute.get();
    } catch (CellDeadline.Exceeded e) {
      return failed(cell, e.getMessage(), log);
    } catch (RuntimeException e) {
      return failed(cell, e.toString(), log);
    } catch (OutOfMemoryError e) {
      // What the cell allocated is garbage now; the next cell gets the memory back.
      return failed(
          cell,
          "out of memory ("
              + e.getMessage()
              + "): make hiddenUnits or batchSize smaller, or raise -Xmx and"
              + " -Dorg.bytedeco.javacpp.maxbytes in .mvn/jvm.config",
          log);
    } catch (StackOverflowError e) {
      return failed(cell, "stack overflow: " + e, log);
    }
  }

  private static CellResult failed(Cell cell, String message, RunLog log) {
    log.warning().accept("cell " + cell.id() + ": FAILED: " + message);
    return Reproducer.withoutResults(cell, CellStatus.FAILED, message);
  }
}
