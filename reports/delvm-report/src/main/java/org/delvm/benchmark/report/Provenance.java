package org.delvm.benchmark.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where and from what code a cell's result came: enough to tell, when results of several runs or
 * machines are gathered into one report, whether they are comparable.
 *
 * @param commit the git commit the plugin was built from; empty when not built from a checkout
 * @param dirty the checkout had uncommitted changes when the plugin was built
 * @param version the plugin's version (what identifies the code when there is no commit)
 * @param codeSha256 SHA-256 over the model and training classes the cell ran (also in its
 *     fingerprint)
 * @param environment JDK, OS, CPU, cores, ND4J backend and threads, heap and off-heap limits
 * @param wallSeconds the cell's wall time, training and evaluation
 * @param peakRssBytes the process's peak resident memory (VmHWM) after the cell; 0 if unknown
 * @param peakOfCell true when the peak was reset before the cell, so it is the cell's own; false
 *     when it is the process's peak so far (an upper bound of the cell's)
 * @param physicalBytes JavaCPP's count of the process's physical memory after the cell, the number
 *     its "Physical memory usage is too high" limit is checked against
 * @param predictedSeconds the cost model's prediction of the cell's seconds before it ran, to check
 *     the model against {@code wallSeconds}; 0 when unknown
 */
public record Provenance(
    String commit,
    boolean dirty,
    String version,
    String codeSha256,
    Map<String, String> environment,
    double wallSeconds,
    long peakRssBytes,
    boolean peakOfCell,
    long physicalBytes,
    double predictedSeconds) {

  /** The environment entries that identify a machine (not the run's limits or thread settings). */
  public static final List<String> MACHINE_KEYS = List.of("java", "os", "cpu", "cores");

  /** The provenance of a result that records none: a placeholder, or one stored before it. */
  public static final Provenance NONE =
      new Provenance("", false, "", "", Map.of(), 0, 0, false, 0, 0);

  public Provenance {
    commit = commit == null ? "" : commit;
    version = version == null ? "" : version;
    codeSha256 = codeSha256 == null ? "" : codeSha256;
    environment =
        environment == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }

  /** False for {@link #NONE}: nothing recorded. (Not a getter name: metrics.json stays as is.) */
  public boolean recorded() {
    return !(codeSha256.isEmpty() && commit.isEmpty() && version.isEmpty());
  }

  /** E.g. {@code 1a2b3c4d5e6f (dirty)}, or {@code plugin 0.1.0} when there is no commit. */
  public String codeVersion() {
    if (commit.isEmpty()) {
      return "plugin " + version;
    }
    return commit.substring(0, Math.min(12, commit.length())) + (dirty ? " (dirty)" : "");
  }

  /**
   * The machine, from {@link #MACHINE_KEYS}: e.g. {@code Intel Xeon, 2 cores, Linux amd64, ...}.
   */
  public String machine() {
    return String.join(
        "; ",
        MACHINE_KEYS.stream()
            .filter(environment::containsKey)
            .map(k -> k + " " + environment.get(k))
            .toList());
  }

  /** E.g. {@code peak RSS 1.2 GiB (the cell's own); JavaCPP physical bytes after it 900 MiB}. */
  public String memory() {
    return "peak RSS "
        + bytes(peakRssBytes)
        + (peakRssBytes <= 0 ? "" : peakOfCell ? " (the cell's own)" : " (the process's so far)")
        + "; JavaCPP physical bytes after it "
        + bytes(physicalBytes);
  }

  /** Bytes as {@code 1.2 GiB} or {@code 350 MiB}; "unknown" for 0. */
  public static String bytes(long bytes) {
    if (bytes <= 0) {
      return "unknown";
    }
    double mib = bytes / (1024.0 * 1024.0);
    return mib >= 1024
        ? String.format(Locale.ROOT, "%.1f GiB", mib / 1024)
        : String.format(Locale.ROOT, "%.0f MiB", mib);
  }
}
