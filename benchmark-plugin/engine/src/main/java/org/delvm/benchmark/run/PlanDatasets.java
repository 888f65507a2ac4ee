package org.delvm.benchmark.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.delvm.benchmark.datasets.DatasetException;
import org.delvm.benchmark.datasets.DatasetFetcher;
import org.delvm.benchmark.datasets.DatasetSetupException;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.datasets.FetchedDataset;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.plan.PlanLoader;

/**
 * The datasets a plan's cells use, fetched and verified before any cell runs.
 *
 * @param available the fetched datasets by id, in the order of first use
 * @param unavailable why each dataset that could not be had is missing, by id; its cells are
 *     skipped
 */
public record PlanDatasets(Map<String, FetchedDataset> available, Map<String, String> unavailable) {

  public PlanDatasets {
    available = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(available));
    unavailable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
  }

  /**
   * Fetches each dataset the plan names once, in the order of first use, and logs where each file
   * came from.
   *
   * @param requireAll fail on the first dataset that cannot be had; otherwise its cells are skipped
   *     (a fresh machine without a mirror still runs the bundled ECG5000 cells)
   * @throws DatasetException when {@code requireAll} and a dataset cannot be had
   */
  public static PlanDatasets fetch(
      Plan plan, FetchSettings settings, boolean requireAll, Consumer<String> log) {
    return fetch(plan, settings, requireAll, RunLog.of(log));
  }

  /** As {@link #fetch(Plan, FetchSettings, boolean, Consumer)}; skipped cells are a warning. */
  public static PlanDatasets fetch(
      Plan plan, FetchSettings settings, boolean requireAll, RunLog log) {
    DatasetFetcher fetcher = new DatasetFetcher(settings);
    Map<String, FetchedDataset> fetched = new LinkedHashMap<>();
    Map<String, String> unavailable = new LinkedHashMap<>();
    for (Cell cell : plan.cells()) {
      String id = cell.dataset();
      if (fetched.containsKey(id)
          || unavailable.containsKey(id)
          || PlanLoader.GENERATED.contains(id)) {
        continue; // generated data is made by its cells' runner
      }
      FetchedDataset data;
      try {
        data = fetcher.fetch(id);
      } catch (DatasetException e) {
        if (requireAll || e instanceof DatasetSetupException) {
          throw e; // a broken cache, mirror or bundled copy is never a reason to skip
        }
        unavailable.put(id, e.getMessage());
        log.warning()
            .accept(
                "dataset "
                    + id
                    + " cannot be had, so its "
                    + plan.cells().stream().filter(c -> c.dataset().equals(id)).count()
                    + " cell(s) are skipped: "
                    + e.getMessage()
                    + " Set -Ddelvm.requireAllDatasets=true to fail instead.");
        continue;
      }
      fetched.put(id, data);
      log.info()
          .accept(
              "dataset "
                  + data.id()
                  + " in "
                  + data.directory()
                  + ": "
                  + data.files().stream()
                      .map(f -> f.name() + " (" + f.source() + ")")
                      .collect(Collectors.joining(", ")));
    }
    return new PlanDatasets(fetched, unavailable);
  }

  /** The message of a cell skipped for want of its dataset. */
  String skipReason(String datasetId) {
    return "skipped: dataset "
        + datasetId
        + " cannot be had ("
        + unavailable.get(datasetId)
        + "). Point -Ddelvm.mirror at a copy, or go online, and run again.";
  }
}
