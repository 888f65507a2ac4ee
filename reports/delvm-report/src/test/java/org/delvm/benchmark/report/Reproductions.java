package org.delvm.benchmark.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reproductions for the report's tests: several experiments, seeds, both signs, a failure. */
final class Reproductions {

  private Reproductions() {}

  static CellResult cell(
      String id,
      String experiment,
      String objective,
      String series,
      long seed,
      double units,
      double layers,
      double f1,
      Double paperF1) {
    Map<String, Double> coordinates = new LinkedHashMap<>();
    coordinates.put("hidden units", units);
    coordinates.put("layers", layers);
    return new CellResult(
        id,
        experiment,
        "ecg5000",
        "DELVM (MLP 140-" + (long) units + " relu)",
        objective,
        Map.of("epochs", "10"),
        seed,
        CellStatus.COMPLETED,
        "",
        2.5,
        5000.0,
        List.of(-10.0, -20.0),
        List.of(
            new MetricResult("precision", f1 - 2, paperF1 == null ? null : 90.57, "%"),
            new MetricResult("F1", f1, paperF1, "%"),
            new MetricResult("true positives", 389, null, "samples")),
        series,
        coordinates);
  }

  static CellResult failed(String id, String experiment, String series, double units) {
    return new CellResult(
        id,
        experiment,
        "ecg5000",
        "DELVM",
        "cd",
        Map.of(),
        1,
        CellStatus.FAILED,
        "out of memory <boom>",
        0,
        0,
        List.of(),
        List.of(),
        series,
        Map.of("hidden units", units, "layers", 1.0));
  }

  static DatasetRecord ecg(boolean lossy) {
    return new DatasetRecord(
        "ecg5000",
        "ECG5000",
        lossy,
        lossy ? "a JPEG copy" : "",
        List.of(new DatasetRecord.FileRecord("ECG5000_TRAIN.txt", 10, "abc123", "bundled")),
        Map.of("test beats", "1000"));
  }

  /**
   * Fig. 7: SM-DELVM at 256 (two seeds: 93 and 95), 1024, 2048 (paper 94.81); CD-DELVM at 512
   * (paper 90.34) and a failed cell at 1024. The sign section: sm-printed at 2048 (paper 94.81).
   * Fig. 8: SM-DELVM over 1..4 layers (paper 96.46 at 4).
   */
  /** {@code r} with other cells, everything else as it is. */
  static Reproduction withCells(Reproduction r, List<CellResult> cells) {
    return new Reproduction(
        r.plan(),
        r.planDescription(),
        r.startedAt(),
        r.wallSeconds(),
        r.environment(),
        r.datasets(),
        cells,
        r.claims(),
        r.replicates());
  }

  static Reproduction rich(String seriesName) {
    String fig7 = "Fig. 7: ECG5000, F1 against hidden units";
    String fig8 = "Fig. 8: ECG5000, F1 against layers";
    List<CellResult> cells = new ArrayList<>();
    cells.add(cell("sm-256-s1", fig7, "sm", seriesName, 1, 256, 1, 93.0, null));
    cells.add(cell("sm-256-s2", fig7, "sm", seriesName, 2, 256, 1, 95.0, null));
    cells.add(cell("sm-1024", fig7, "sm", seriesName, 1, 1024, 1, 94.0, null));
    cells.add(cell("sm-2048", fig7, "sm", seriesName, 1, 2048, 1, 94.5, 94.81));
    cells.add(cell("cd-512", fig7, "cd", "CD-DELVM", 1, 512, 1, 85.0, 90.34));
    cells.add(failed("cd-1024", fig7, "CD-DELVM", 1024));
    cells.add(
        cell("printed-2048", fig7, "sm-printed", "SM-PRINTED-DELVM", 1, 2048, 1, 60.0, 94.81));
    for (int layers = 1; layers <= 4; layers++) {
      cells.add(
          cell(
              "sm-deep-" + layers,
              fig8,
              "sm",
              "SM-DELVM",
              1,
              512,
              layers,
              90 + layers,
              layers == 4 ? 96.46 : null));
    }
    return new Reproduction(
        "test",
        "a plan with every kind of cell",
        "2026-11-28T02:00:00Z",
        123.4,
        Map.of("java", "17", "nd4j backend", "CPU"),
        List.of(ecg(true)),
        cells,
        List.of(
            new ClaimResult(
                "fig7-sm-beats-cd",
                "Fig. 7: SM-DELVM F1 > CD-DELVM F1 at every width <b>",
                ClaimResult.Verdict.SUPPORTED,
                "at hidden units 512: 94.00 > 85.00",
                Map.of("SM-DELVM @ hidden units 512", 94.0, "CD-DELVM @ hidden units 512", 85.0),
                null),
            new ClaimResult(
                "fig8-best-at-4",
                "Fig. 8: SM-DELVM best with 4 layers",
                ClaimResult.Verdict.NOT_TESTABLE,
                "CEBM is not implemented",
                Map.of(),
                null)),
        bySeriesAndCoordinates(cells));
  }

  /** The replicate groups of a test run: cells with the same series and coordinates. */
  static List<ReplicateGroup> bySeriesAndCoordinates(List<CellResult> cells) {
    Map<List<Object>, List<CellResult>> groups = new java.util.LinkedHashMap<>();
    for (CellResult c : cells) {
      groups
          .computeIfAbsent(
              List.of(c.series(), c.coordinates(), c.objective()), k -> new java.util.ArrayList<>())
          .add(c);
    }
    return groups.values().stream()
        .map(
            g ->
                org.delvm.benchmark.report.stats.Replicates.aggregate(
                    g.get(0).id().replaceAll("-s[0-9]+$", ""), g))
        .toList();
  }
}
