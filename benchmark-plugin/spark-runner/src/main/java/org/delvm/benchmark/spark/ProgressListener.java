package org.delvm.benchmark.spark;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Feeds {@link Progress} from Spark's events on the driver: which cell's task started on which
 * executor, which attempt failed, and how many task slots the executors offer. Each cell is one job
 * of one stage of one task; the stage carries the cell's id as the local property {@link
 * #CELL_PROPERTY}.
 */
final class ProgressListener extends SparkListener {

  /** The job property that names the cell a job runs. */
  static final String CELL_PROPERTY = "delvm.cell";

  private final Progress progress;
  private final int taskCpus;
  private final Map<Integer, String> cellOfStage = new ConcurrentHashMap<>();
  private final Map<String, Integer> executorCores = new ConcurrentHashMap<>();

  ProgressListener(Progress progress, int taskCpus) {
    this.progress = progress;
    this.taskCpus = Math.max(1, taskCpus);
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    Properties properties = event.properties();
    String cell = properties == null ? null : properties.getProperty(CELL_PROPERTY);
    if (cell != null) {
      cellOfStage.put(event.stageInfo().stageId(), cell);
    }
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart event) {
    String cell = cellOfStage.get(event.stageId());
    if (cell != null) {
      progress.started(cell, event.taskInfo().executorId(), event.taskInfo().attemptNumber());
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    String cell = cellOfStage.get(event.stageId());
    if (cell == null) {
      return;
    } else if (event.reason() instanceof TaskFailedReason failed) {
      progress.attemptFailed(cell, failed.toErrorString().lines().findFirst().orElse(""));
    } else {
      progress.taskEnded(cell);
    }
  }

  @Override
  public void onExecutorAdded(SparkListenerExecutorAdded event) {
    executorCores.put(event.executorId(), event.executorInfo().totalCores());
    updateSlots();
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved event) {
    executorCores.remove(event.executorId());
    updateSlots();
  }

  private void updateSlots() {
    int slots = 0;
    for (int cores : executorCores.values()) {
      slots += cores / taskCpus;
    }
    if (slots > 0) {
      progress.slots(slots);
    }
  }
}
