package org.delvm.benchmark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.delvm.benchmark.datasets.FetchedDataset;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.run.TinyPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResultStoreTest {

  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();

  private static final CellFingerprint FINGERPRINT =
      new CellFingerprint("abc", Map.of("ECG5000_TRAIN.txt", "0d96"), "c0de");

  private static StoredResult result(String id, List<Double> losses) {
    return new StoredResult(
        FINGERPRINT,
        "2026-01-02T03:04:05Z",
        1.5,
        new CellResult(
            id,
            "Fig. 7",
            "ecg5000",
            "DELVM",
            "sm",
            Map.of("epochs", "1"),
            3,
            CellStatus.DIVERGED,
            "loss is NaN",
            0.25,
            1000,
            losses,
            List.of(
                new MetricResult("F1", 93.5, 94.81, "%"),
                new MetricResult("threshold", 0.3, null, "")),
            "SM-DELVM",
            Map.of("hidden units", 8.0)));
  }

  @Test
  void resultsRoundTripIncludingNonFiniteLossesAndMissingPaperValues() throws Exception {
    ResultStore store = ResultStore.open(dir, "my plan", log::add);
    StoredResult written =
        result(
            "cell/1", List.of(1.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN));

    store.write("cell/1", written);

    assertEquals(dir.resolve("my+0020plan/cell+002f1.json"), store.file("cell/1"));
    assertEquals(Optional.of(written), store.read("cell/1"));
    assertEquals(Optional.of(written), ResultStore.open(dir, "my plan", log::add).read("cell/1"));
    assertEquals(List.of("cell+002f1.json"), files(store.directory()));
  }

  @Test
  void aMissingResultIsEmpty() {
    assertEquals(Optional.empty(), ResultStore.open(dir, "p", log::add).read("c"));
    assertTrue(log.isEmpty(), log.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "{\"fingerprint\": {", "null", "{}", "{\"a\": 1} {}"})
  void anUnreadableFileIsLoggedOnceAndDeleted(String content) throws Exception {
    ResultStore store = ResultStore.open(dir, "p", log::add);
    Files.writeString(store.file("c"), content);

    assertEquals(Optional.empty(), store.read("c"));

    assertEquals(1, log.size(), log.toString());
    assertTrue(log.get(0).startsWith("WARNING: cell c: the stored result "), log.get(0));
    assertTrue(log.get(0).endsWith("; deleting it and running the cell again"), log.get(0));
    assertFalse(Files.exists(store.file("c")));
  }

  @Test
  void writingReplacesTheOldResult() throws Exception {
    ResultStore store = ResultStore.open(dir, "p", log::add);
    store.write("c", result("c", List.of(1.0)));
    store.write("c", result("c", List.of(2.0)));

    assertEquals(List.of(2.0), store.read("c").get().result().epochLosses());
    assertEquals(List.of("c.json"), files(store.directory()));
  }

  @Test
  void openingDeletesTempFilesOfAKilledRunButNotThoseOfALiveBuild() throws Exception {
    Path planDir = Files.createDirectories(dir.resolve("p"));
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Files.writeString(planDir.resolve("c.json." + ended.pid() + ".77.tmp"), "{\"fingerp");
    Files.writeString(planDir.resolve("d.json.tmp"), "{\"fingerp");
    String live = "e.json." + ProcessHandle.current().pid() + ".78.tmp";
    Files.writeString(planDir.resolve(live), "{\"fingerp");

    ResultStore.open(dir, "p", log::add);

    assertEquals(List.of(live), files(planDir));
    assertEquals(List.of("deleted 2 unfinished result file(s) of an interrupted run"), log);
  }

  @Test
  void idsThatDifferMapToDifferentFilesInsideTheDirectory() {
    ResultStore store = ResultStore.open(dir, "p", log::add);
    List<String> ids = List.of(".x", "_x", "+002ex", "x", "..", "../../etc/passwd", "a/b", "a_b");
    java.util.Set<Path> files = new java.util.HashSet<>();
    for (String id : ids) {
      Path file = store.file(id).normalize();
      assertTrue(files.add(file), id + " collides at " + file);
      assertEquals(store.directory(), file.getParent(), id);
      assertFalse(file.getFileName().toString().startsWith("."), id);
    }
    assertEquals(dir.resolve("+002e.+002fx"), ResultStore.open(dir, "../x", log::add).directory());
  }

  @Test
  void anEditedResultIsDetectedWarnedAboutAndDeleted() throws Exception {
    ResultStore store = ResultStore.open(dir, "p", log::add);
    store.write("c", result("c", List.of(1.0)));
    Path file = store.file("c");
    Files.writeString(file, Files.readString(file).replace("93.5", "99.5"));

    assertEquals(Optional.empty(), store.read("c"));

    assertTrue(log.get(0).startsWith("WARNING: cell c: the stored result"), log.toString());
    assertTrue(log.get(0).contains("does not match its sha256"), log.toString());
    assertFalse(Files.exists(file));
  }

  @Test
  void aResultWithoutIntegrityFieldIsRejected() throws Exception {
    ResultStore store = ResultStore.open(dir, "p", log::add);
    store.write("c", result("c", List.of(1.0)));
    Path file = store.file("c");
    Files.writeString(file, Files.readString(file).replaceAll(",\\s*\"sha256\"[^,}]*", ""));

    assertEquals(Optional.empty(), store.read("c"));
    assertTrue(log.get(0).contains("no sha256 integrity field"), log.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"result", "status", "fingerprint", "metric", "id", "infinite"})
  void aResultWithNullOrInvalidFieldsIsTreatedAsAbsent(String broken) throws Exception {
    StoredResult ok = result("c", List.of(1.0));
    CellResult r = ok.result();
    CellResult bad =
        new CellResult(
            broken.equals("id") ? "other" : r.id(),
            r.experiment(),
            r.dataset(),
            r.model(),
            r.objective(),
            r.settings(),
            r.seed(),
            broken.equals("status") ? null : r.status(),
            r.message(),
            r.trainSeconds(),
            r.samplesPerSecond(),
            r.epochLosses(),
            broken.equals("metric")
                ? List.of(new MetricResult(null, 1, null, ""))
                : broken.equals("infinite")
                    ? List.of(new MetricResult("F1", Double.POSITIVE_INFINITY, null, "%"))
                    : r.metrics(),
            r.series(),
            r.coordinates());
    ResultStore store = ResultStore.open(dir, "p", log::add);
    store.write(
        "c",
        new StoredResult(
            broken.equals("fingerprint") ? null : ok.fingerprint(),
            ok.finishedAt(),
            ok.seconds(),
            broken.equals("result") ? null : bad));

    assertEquals(Optional.empty(), store.read("c"));
    assertEquals(1, log.size(), log.toString());
    assertTrue(log.get(0).startsWith("WARNING: cell c: the stored result"), log.toString());
  }

  @Test
  void anUnusableDirectoryIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "not a folder");
    ResultStoreException e =
        assertThrows(ResultStoreException.class, () -> ResultStore.open(file, "p", log::add));
    assertTrue(e.getMessage().contains(file.resolve("p").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("-Ddelvm.resultsDirectory"), e.getMessage());
  }

  @Test
  void fingerprintsDependOnTheCellAndTheDataOnly() {
    Cell cell = TinyPlans.cell("a");
    Cell sameCell =
        new Cell(
            "a",
            cell.experiment(),
            "ecg5000",
            7,
            "delvm-mlp",
            List.of(8),
            "relu",
            "sm",
            Map.of(),
            1,
            100,
            List.of(1e-3),
            3,
            Map.of("recall", 99.46, "F1", 94.81, "precision", 90.57));
    FetchedDataset data = data("0d96");

    assertEquals(CellFingerprint.of(cell, data), CellFingerprint.of(sameCell, data));
    assertFalse(
        CellFingerprint.of(cell, data)
            .cellSha256()
            .equals(CellFingerprint.of(TinyPlans.cell("a", "sm", 1e-3, 8, 2), data).cellSha256()));
    assertFalse(CellFingerprint.of(cell, data).equals(CellFingerprint.of(cell, data("ffff"))));
    assertEquals(64, CellFingerprint.of(cell, data).cellSha256().length());
  }

  private static FetchedDataset data(String sha256) {
    return new FetchedDataset(
        "ecg5000",
        Path.of("cache"),
        List.of(
            new FetchedDataset.FetchedFile(
                "ECG5000_TRAIN.txt", Path.of("cache/x"), 1, sha256, "cache")));
  }

  private static List<String> files(Path directory) throws Exception {
    try (var list = Files.list(directory)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
