package org.delvm.benchmark.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.delvm.benchmark.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several hundred malformed plans, made by seeded random edits of a valid one (deletions, type
 * swaps, huge numbers, unicode, path segments): each is refused with a PlanException, never another
 * exception, and none that loads names a result file outside its results directory.
 */
class PlanFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int PLANS = 600;

  private static final String VALID =
      """
      {"name": "fuzz", "description": "d",
       "cells": [
        {"id": "w", "experiment": "Fig. 7", "dataset": "ecg5000", "splitSeed": 1,
         "model": "delvm-mlp", "objective": "sm", "epochs": 1, "batchSize": 100,
         "learningRates": [0.001], "seeds": [1, 2], "sweep": {"hiddenUnits": [[8], [16]]},
         "overrides": {"w-mlp8": {"paper": {"F1": 90.0}}}},
        {"id": "cd", "experiment": "Fig. 7", "dataset": "ecg5000", "splitSeed": 1,
         "model": "delvm-mlp", "objective": "cd", "objectiveOptions": {"k": 2},
         "hiddenUnits": [8, 8], "activation": "tanh", "epochs": 1, "batchSize": 50,
         "learningRates": [0.001, 0.01], "seed": 3}],
       "claims": [
        {"id": "c1", "text": "t", "kind": "value", "experiment": "Fig. 7",
         "axis": "hidden units", "series": "SM-DELVM", "at": 8, "expected": 90, "tolerance": 2}]}
      """;

  private static final List<JsonNode> HOSTILE =
      List.of(
          NODES.nullNode(),
          NODES.textNode("../../../../tmp/escaped"),
          NODES.textNode("/etc/passwd"),
          NODES.textNode("..\\..\\x"),
          NODES.textNode(".x"),
          NODES.textNode("ünïcødé-\u202e-\ud83d\ude00"),
          NODES.textNode(""),
          NODES.textNode("a".repeat(5000)),
          NODES.numberNode(Long.MAX_VALUE),
          NODES.numberNode(-1),
          NODES.numberNode(0),
          NODES.numberNode(1e308),
          NODES.numberNode(-1e-308),
          NODES.numberNode(10_000_000),
          NODES.numberNode(2_147_483_647),
          NODES.booleanNode(true),
          NODES.arrayNode(),
          NODES.arrayNode().add(NODES.nullNode()),
          NODES.arrayNode().add(10_000_000).add(10_000_000),
          NODES.objectNode(),
          NODES.objectNode().put("unknownField", 1));

  @TempDir Path dir;

  @Test
  void everyMalformedPlanIsAPlanExceptionAndNoneEscapesItsDirectory() throws Exception {
    Random random = new Random(20261128);
    Path results = dir.resolve("results");
    int refused = 0;
    for (int i = 0; i < PLANS; i++) {
      JsonNode plan = JSON.readTree(VALID);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        plan = edit(plan, random);
      }
      String text = JSON.writeValueAsString(plan);
      Path file = Files.writeString(dir.resolve("plan.json"), text);
      try {
        Plan loaded = new PlanLoader().load(file.toString());
        ResultStore store = ResultStore.open(results, loaded.name(), line -> {});
        for (Cell cell : loaded.cells()) {
          Path stored = store.file(cell.id()).toAbsolutePath().normalize();
          assertTrue(stored.startsWith(results.toAbsolutePath()), text + " -> " + stored);
        }
      } catch (PlanException expected) {
        refused++;
        assertTrue(expected.getMessage().contains("plan.json"), expected.getMessage());
      } catch (Throwable other) {
        fail("plan " + i + " threw " + other + " instead of a PlanException:\n" + text, other);
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of("plan.json", "results"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    // Most edits break the plan; the rest (a changed description, say) are harmless.
    assertTrue(refused > PLANS / 2, refused + " of " + PLANS + " refused");
  }

  /** One random edit somewhere in the tree: delete, replace by a hostile value, or add a field. */
  private static JsonNode edit(JsonNode root, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    if (containers.isEmpty()) {
      return HOSTILE.get(random.nextInt(HOSTILE.size()));
    }
    ContainerNode<?> target = (ContainerNode<?>) containers.get(random.nextInt(containers.size()));
    JsonNode value = HOSTILE.get(random.nextInt(HOSTILE.size()));
    if (random.nextInt(10) == 0) {
      return value; // the whole plan replaced
    }
    if (target instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      int action = random.nextInt(3);
      if (names.isEmpty() || action == 2) {
        object.set(random.nextBoolean() ? "unknownField" : "sweep", value.deepCopy());
      } else if (action == 0) {
        object.remove(names.get(random.nextInt(names.size())));
      } else {
        object.set(names.get(random.nextInt(names.size())), value.deepCopy());
      }
    } else if (target instanceof ArrayNode array) {
      if (array.isEmpty() || random.nextBoolean()) {
        array.add(value.deepCopy());
      } else {
        array.set(random.nextInt(array.size()), value.deepCopy());
      }
    }
    return root;
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      node.elements().forEachRemaining(child -> collect(child, containers));
    }
  }
}
