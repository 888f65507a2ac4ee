package org.delvm.benchmark.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.bytedeco.javacpp.Pointer;
import org.delvm.benchmark.report.Provenance;
import org.delvm.benchmark.run.ComputeThreads;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures a cell as it runs and describes where it ran, for its {@link Provenance}: the code
 * ({@link CodeVersion}), the machine and its limits, the wall time and the peak memory.
 *
 * <p>Linux keeps the process's peak resident memory in {@code VmHWM}; writing {@code 5} to {@code
 * /proc/self/clear_refs} resets it, so the peak read after the cell is the cell's own. Where that
 * is not allowed (another OS, a locked-down container) the peak is the process's so far, which is
 * marked as such.
 */
public final class CellProvenance {

  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private final long start = System.nanoTime();
  private final boolean peakReset;

  private CellProvenance(boolean peakReset) {
    this.peakReset = peakReset;
  }

  /** Starts measuring a cell: resets the peak where the OS allows it. */
  public static CellProvenance start() {
    boolean reset;
    try {
      Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
      reset = true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      reset = false;
    }
    return new CellProvenance(reset);
  }

  /** Seconds since {@link #start}. */
  public double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * The provenance of the cell that just finished, which the cost model expected to take {@code
   * predictedSeconds}.
   */
  public Provenance finish(double wallSeconds, double predictedSeconds) {
    CodeVersion code = CodeVersion.current();
    long peak = peakRssBytes().orElse(0L);
    return new Provenance(
        code.commit(),
        code.dirty(),
        code.version(),
        code.codeSha256(),
        environment(),
        wallSeconds,
        peak,
        peakReset && peak > 0,
        Pointer.physicalBytes(),
        predictedSeconds);
  }

  /** VmHWM of /proc/self/status in bytes, if readable. */
  static Optional<Long> peakRssBytes() {
    try {
      for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Optional.of(Long.parseLong(parts[0]) * 1024); // reported in kB
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or not readable: unknown.
    }
    return Optional.empty();
  }

  /**
   * The machine and the run's limits: what moves timings and, at rounding level, numbers. The keys
   * of {@link Provenance#MACHINE_KEYS} identify the machine.
   */
  static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    env.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    cpuModel().ifPresent(cpu -> env.put("cpu", cpu));
    env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    Properties nd4j = Nd4j.getExecutioner().getEnvironmentInformation();
    for (String key : List.of("backend", "blas.vendor")) {
      if (nd4j.get(key) != null) {
        env.put("nd4j " + key, String.valueOf(nd4j.get(key)));
      }
    }
    env.put("compute threads", ComputeThreads.current());
    env.put("max heap", Provenance.bytes(Runtime.getRuntime().maxMemory()));
    env.put("javacpp maxBytes", Provenance.bytes(Pointer.maxBytes()));
    env.put("javacpp maxPhysicalBytes", Provenance.bytes(Pointer.maxPhysicalBytes()));
    return env;
  }

  /** The first "model name" of /proc/cpuinfo (Linux), if readable. */
  static Optional<String> cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
