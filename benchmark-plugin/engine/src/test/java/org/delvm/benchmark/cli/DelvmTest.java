package org.delvm.benchmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelvmTest {

  private static final String TINY_PLAN =
      """
      {"name": "tiny", "description": "one tiny cell", "cells": [
        {"id": "c1", "experiment": "Fig. 7 (tiny)", "dataset": "ecg5000", "splitSeed": 7,
         "model": "delvm-mlp", "hiddenUnits": [8], "objective": "sm", "epochs": 1,
         "batchSize": 100, "learningRates": [0.001], "seed": 3, "paper": {"F1": 94.81}}]}
      """;

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int delvm(String... args) {
    return Delvm.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String[] with(String command, String... extra) throws Exception {
    Path plan = Files.writeString(dir.resolve("tiny.json"), TINY_PLAN);
    String[] base = {
      command,
      "--plan",
      plan.toString(),
      "--results",
      dir.resolve("results").toString(),
      "--report",
      dir.resolve("report").toString(),
      "--cache",
      dir.resolve("cache").toString(),
      "--offline"
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void runThenReportRendersTheStoredCellWithoutTrainingAgain() throws Exception {
    assertEquals(0, delvm(with("run")), err.toString());
    assertTrue(Files.isRegularFile(dir.resolve("results/tiny/c1.json")), out.toString());
    assertEquals(0, delvm(with("report")), err.toString());
    assertTrue(Files.isRegularFile(dir.resolve("report/index.html")));
    assertTrue(Files.isRegularFile(dir.resolve("report/metrics.json")));

    out.reset();
    assertEquals(0, delvm(with("reproduce")), err.toString());
    assertTrue(out.toString().contains("reusing the result"), out.toString());
  }

  @Test
  void aShardOfOneRunsEveryCellAndADryRunRunsNone() throws Exception {
    assertEquals(0, delvm(with("dry-run")), err.toString());
    assertTrue(out.toString().contains("cells"), out.toString());
    assertTrue(Files.notExists(dir.resolve("results/tiny/c1.json")));
    assertEquals(0, delvm(with("run", "--shard", "1/1")), err.toString());
    assertTrue(Files.isRegularFile(dir.resolve("results/tiny/c1.json")));
  }

  @Test
  void badInputIsExitStatusTwoWithAMessageThatSaysWhatToDo() throws Exception {
    assertEquals(2, delvm(with("train")));
    assertTrue(err.toString().contains("unknown command 'train'"), err.toString());
    err.reset();
    assertEquals(2, delvm(with("run", "--shard", "4/3")));
    assertTrue(err.toString().contains("4/3"), err.toString());
    err.reset();
    assertEquals(2, delvm(with("run", "--threads", "many")));
    assertTrue(err.toString().contains("--threads must be an integer"), err.toString());
    err.reset();
    assertEquals(2, delvm(with("run", "--bogus")));
    assertTrue(err.toString().contains("--bogus"), err.toString());
    err.reset();
    assertEquals(2, delvm("run", "--plan", dir.resolve("missing.json").toString()));
    assertTrue(err.toString().contains("missing.json"), err.toString());
    assertEquals(2, delvm());
    assertTrue(out.toString().contains("usage: Delvm"));
  }
}
