package org.delvm.benchmark.plugin;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** Configures Mojos the way Maven does (field injection) and records what they log. */
final class MojoTests {

  /** A one-cell plan on the bundled ECG5000, small enough for a test. */
  static final String TINY_PLAN =
      """
      {"name": "tiny", "description": "one tiny cell", "cells": [
        {"id": "c1", "experiment": "Fig. 7 (tiny)", "dataset": "ecg5000", "splitSeed": 7,
         "model": "delvm-mlp", "hiddenUnits": [8], "objective": "sm", "epochs": 1,
         "batchSize": 100, "learningRates": [0.001], "seed": 3, "paper": {"F1": 94.81}}]}
      """;

  private MojoTests() {}

  static Path tinyPlan(Path dir) throws Exception {
    return Files.writeString(dir.resolve("tiny.json"), TINY_PLAN);
  }

  static <M extends AbstractMojo> M set(M mojo, String field, Object value) throws Exception {
    for (Class<?> c = mojo.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(field);
        f.setAccessible(true);
        f.set(mojo, value);
        return mojo;
      } catch (NoSuchFieldException e) {
        // declared further up
      }
    }
    throw new IllegalArgumentException(mojo.getClass() + " has no field " + field);
  }

  /** The mojo with the shared parameters at their defaults, offline, caching under {@code dir}. */
  static <M extends AbstractDelvmMojo> M offline(M mojo, Path dir) throws Exception {
    set(mojo, "plan", tinyPlan(dir).toString());
    set(mojo, "cacheDirectory", dir.resolve("cache").toFile());
    set(mojo, "offline", true);
    return mojo;
  }

  /** Records info and warning lines (and still prints them, for the test output). */
  static final class RecordingLog extends SystemStreamLog {
    final List<String> lines = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override
    public void warn(CharSequence content) {
      warnings.add(content.toString());
      super.warn(content);
    }

    @Override
    public void info(CharSequence content) {
      lines.add(content.toString());
      super.info(content);
    }
  }
}
