package org.delvm.benchmark.reproduction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.delvm.benchmark.datasets.DatasetFetcher;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.datasets.FetchedDataset;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.Plan;

/** The datasets a plan's cells use, fetched and verified before any cell runs. */
public final class PlanDatasets {

  private PlanDatasets() {}

  /**
   * Fetches each dataset the plan names once, in the order of first use, and logs where each file
   * came from.
   *
   * @return the fetched datasets by id
   */
  public static Map<String, FetchedDataset> fetch(
      Plan plan, FetchSettings settings, Consumer<String> log) {
    DatasetFetcher fetcher = new DatasetFetcher(settings);
    Map<String, FetchedDataset> fetched = new LinkedHashMap<>();
    for (Cell cell : plan.cells()) {
      if (!fetched.containsKey(cell.dataset())) {
        FetchedDataset data = fetcher.fetch(cell.dataset());
        fetched.put(cell.dataset(), data);
        log.accept(
            "dataset "
                + data.id()
                + " in "
                + data.directory()
                + ": "
                + data.files().stream()
                    .map(f -> f.name() + " (" + f.source() + ")")
                    .collect(Collectors.joining(", ")));
      }
    }
    return fetched;
  }
}
