package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.delvm.benchmark.datasets.LabelledImages;
import org.delvm.benchmark.pictures.CellPictures;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.Picture;
import org.delvm.benchmark.store.CellFingerprint;
import org.delvm.benchmark.store.ResultStore;
import org.delvm.benchmark.store.StoredResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStorePicturesTest {

  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();

  private static final CellFingerprint FINGERPRINT =
      new CellFingerprint("abc", Map.of("t10k-images-idx3-ubyte.gz", "0d96"), "c0de");

  private static CellResult cell() {
    return new CellResult(
        "fig1",
        "Fig. 1",
        "fashion-mnist",
        "DELVM (CNN)",
        "sm",
        Map.of("filters", "[3]"),
        1,
        CellStatus.COMPLETED,
        "",
        0.5,
        1000,
        List.of(1.0, Double.NaN),
        List.of(new MetricResult("accuracy", 80.0, 83.5, "%")),
        "SM-DELVM",
        Map.of("filters", 3.0));
  }

  private static List<Picture> pictures() {
    LabelledImages test = FeatureLearningCellRunnerTest.bars(8, 3L);
    CellModels.InputShape shape = new CellModels.InputShape(1, 8, 8);
    Cell spec =
        CellPicturesTest.cell(
            "d", "bars", "delvm-cnn", List.of(3), "sm", List.of(3), null, null, null);
    return CellPictures.featureLearning(
        CellModels.create(spec, shape), test.pixels(), test.labels(), List.of("a", "b"), shape, 1L);
  }

  @Test
  void picturesSurviveTheStoreAsBase64Pngs() throws Exception {
    ResultStore store = ResultStore.open(dir, "p", log::add);
    StoredResult written =
        new StoredResult(FINGERPRINT, "2026-01-02T03:04:05Z", 1.5, cell().withPictures(pictures()));
    assertEquals(24, written.result().pictures().size());

    store.write("fig1", written);

    assertEquals(Optional.of(written), store.read("fig1"));
    String json = Files.readString(store.file("fig1"));
    assertTrue(json.contains("\"pngBase64\" : \"iVBORw0KGgo"), "base64 PNGs in the JSON");
    assertTrue(log.isEmpty(), log.toString());
  }

  @Test
  void aResultStoredBeforePicturesExistedIsStillUsed() throws Exception {
    ResultStore store = ResultStore.open(dir, "p", log::add);
    store.write("fig1", new StoredResult(FINGERPRINT, "2026-01-02T03:04:05Z", 1.5, cell()));
    Path file = store.file("fig1");
    String json = Files.readString(file);
    String old = json.replaceAll(",\\s*\"pictures\" : \\[ \\]", "");
    assertTrue(!old.contains("pictures") && old.length() < json.length(), old);
    Files.writeString(file, old);

    Optional<StoredResult> read = store.read("fig1");

    assertEquals(Optional.of(List.of()), read.map(r -> r.result().pictures()));
    assertEquals(cell(), read.get().result());
    assertTrue(log.isEmpty(), "not deleted as unreadable: " + log);
    assertTrue(Files.exists(file));
  }
}
