package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.delvm.benchmark.datasets.LabelledImages;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.pictures.CellPictures;
import org.delvm.benchmark.pictures.PngImages;
import org.delvm.benchmark.pictures.PngImagesTest;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.Picture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CellPicturesTest {

  @TempDir Path scratch;

  private static final CellModels.InputShape BARS = new CellModels.InputShape(1, 8, 8);

  static Cell cell(
      String id,
      String dataset,
      String model,
      List<Integer> units,
      String objective,
      List<Integer> kernels,
      Cell.ImageSubset images,
      String evaluation,
      Integer latent) {
    return TestCell.ecg(id)
        .experiment("pictures (test)")
        .dataset(dataset)
        .splitSeed(2)
        .model(model)
        .hiddenUnits(units)
        .objective(objective)
        .epochs(2)
        .batchSize(20)
        .learningRate(1e-2)
        .seed(5)
        .series("S")
        .kernels(kernels)
        .images(images)
        .evaluation(evaluation)
        .latentUnits(latent)
        .build();
  }

  private static List<String> rows(List<Picture> pictures) {
    return pictures.stream().map(Picture::row).distinct().toList();
  }

  private static BufferedImage decode(Picture p) throws Exception {
    return PngImagesTest.decode(Base64.getDecoder().decode(p.pngBase64()));
  }

  @Test
  void aTrainedFeatureLearningCellCarriesTestImagesReconstructionsAndLangevinSamples()
      throws Exception {
    List<String> log = new ArrayList<>();
    Cell spec =
        cell(
            "bars",
            "bars",
            "delvm-cnn",
            List.of(4),
            "sm",
            List.of(3),
            new Cell.ImageSubset(100, 40, 2),
            null,
            null);
    LabelledImages test = FeatureLearningCellRunnerTest.bars(40, 2L);
    CellResult r =
        new FeatureLearningCellRunner(scratch, log::add)
            .run(spec, FeatureLearningCellRunnerTest.bars(100, 1L), test, List.of("|", "-"));

    assertEquals(CellStatus.COMPLETED, r.status(), r.message());
    List<Picture> pictures = r.pictures();
    assertEquals(24, pictures.size(), pictures.toString());
    List<String> rows = rows(pictures);
    assertEquals(3, rows.size(), rows.toString());
    assertTrue(rows.get(0).startsWith("test images (each picture min-max scaled"), rows.get(0));
    assertTrue(rows.get(1).contains("x_hat = x - grad_x E(x)"), rows.get(1));
    assertTrue(rows.get(2).contains("20 steps, eps = 0.01, seed 5"), "settings: " + rows.get(2));
    assertEquals(
        List.of("|", "-", "|", "-", "|", "-", "|", "-"),
        pictures.subList(0, 8).stream().map(Picture::caption).toList(),
        "both classes first, then in order");
    assertTrue(pictures.get(8).caption().matches("error [0-9.e+-]+"), pictures.get(8).caption());
    assertEquals("from |", pictures.get(16).caption());
    for (Picture p : pictures) {
      BufferedImage image = decode(p);
      assertEquals(16, image.getWidth(), "8 x 8 enlarged twice");
      assertEquals(16, p.width());
      assertEquals(16, p.height());
    }
    // The first test picture is the first test image, min-max scaled.
    float[] first = test.pixels()[0];
    PngImages.Range range = PngImages.Range.of(first);
    BufferedImage image = decode(pictures.get(0));
    for (int p = 0; p < 64; p++) {
      assertEquals(
          PngImages.level(first[p], range),
          image.getRaster().getSample(2 * (p % 8), 2 * (p / 8), 0),
          "pixel " + p);
    }
    assertTrue(
        log.stream().anyMatch(l -> l.startsWith("cell bars: 24 pictures for the report in ")),
        log.toString());
  }

  @Test
  void picturesAreTheSameEveryTimeAndFollowTheModel() {
    LabelledImages test = FeatureLearningCellRunnerTest.bars(10, 3L);
    Cell spec = cell("d", "bars", "delvm-cnn", List.of(3), "sm", List.of(3), null, null, null);
    EnergyModel model = CellModels.create(spec, BARS);
    List<Picture> a =
        CellPictures.featureLearning(
            model, test.pixels(), test.labels(), List.of("a", "b"), BARS, 7L);
    List<Picture> b =
        CellPictures.featureLearning(
            model, test.pixels(), test.labels(), List.of("a", "b"), BARS, 7L);
    assertEquals(a, b, "seeded");

    // CEBM too: test images, its reconstructions x - grad_x E and samples.
    Cell cebm =
        cell("c", "bars", "cebm-cnn", List.of(3, 4), "pcd-langevin", List.of(3, 3), null, null, 2);
    List<Picture> cebmPictures =
        CellPictures.featureLearning(
            CellModels.create(cebm, BARS),
            test.pixels(),
            test.labels(),
            List.of("a", "b"),
            BARS,
            7L);
    assertEquals(24, cebmPictures.size());
    assertTrue(
        rows(cebmPictures).get(1).startsWith("the model's reconstructions of them, x_hat = x -"),
        rows(cebmPictures).get(1));
    assertTrue(rows(cebmPictures).get(2).startsWith("Langevin samples"), rows(cebmPictures).get(2));

    // An autoencoder has no energy gradient: test images and reconstructions only.
    Cell cae =
        cell("a", "bars", "cae-cnn", List.of(3), "reconstruction", List.of(3), null, null, null);
    List<Picture> caePictures =
        CellPictures.featureLearning(
            CellModels.create(cae, BARS),
            test.pixels(),
            test.labels(),
            List.of("a", "b"),
            BARS,
            7L);
    assertEquals(16, caePictures.size());
    assertTrue(rows(caePictures).get(1).contains("the decoder's output"), rows(caePictures).get(1));
  }

  @Test
  void imagesInTheUnitIntervalAreShownAsTheyAre() throws Exception {
    float[][] pixels = new float[2][64];
    for (int p = 0; p < 64; p++) {
      pixels[0][p] = p / 63f * 0.5f;
      pixels[1][p] = 1f;
    }
    Cell spec =
        cell("d", "bars", "cae-cnn", List.of(2), "reconstruction", List.of(3), null, null, null);
    List<Picture> pictures =
        CellPictures.featureLearning(
            CellModels.create(spec, BARS), pixels, new int[] {0, 1}, List.of("x"), BARS, 1L);

    assertTrue(pictures.get(0).row().contains("pixels in [0, 1]"), pictures.get(0).row());
    assertEquals("class 1", pictures.get(1).caption(), "a label without a name");
    BufferedImage image = decode(pictures.get(0));
    assertEquals(128, image.getRaster().getSample(15, 15, 0), "0.5 is mid-grey, not white");
  }

  @Test
  void differentClassesFirstKeepsTheOrderOfTheDataset() {
    int[] labels = {0, 0, 0, 1, 0, 2};
    assertArrayEquals(new int[] {0, 3, 5}, CellPictures.differentClassesFirst(labels, 3));
    assertArrayEquals(new int[] {0, 1, 3, 5}, CellPictures.differentClassesFirst(labels, 4));
    assertArrayEquals(
        new int[] {0, 1, 2}, CellPictures.differentClassesFirst(new int[] {4, 4, 4}, 8));
  }

  @Test
  void anImageAnomalyCellShowsNormalAndAnomalousImagesWithScoresAndReconstructions()
      throws Exception {
    Cell spec =
        cell(
            "cae",
            "cifar10",
            "cae-cnn",
            List.of(2),
            "reconstruction",
            List.of(3),
            new Cell.ImageSubset(60, 40, null),
            "anomaly",
            null);
    INDArray test =
        Nd4j.concat(
            0,
            AnomalyCellRunnerTest.images(20, false, 3),
            AnomalyCellRunnerTest.images(20, true, 4));
    int[] labels = new int[40];
    Arrays.fill(labels, 20, 40, 1);
    List<String> log = new ArrayList<>();

    CellResult r =
        new AnomalyCellRunner(log::add)
            .run(
                spec,
                new AnomalyCellRunner.AnomalyData(
                    AnomalyCellRunnerTest.images(60, false, 1),
                    AnomalyCellRunnerTest.images(60, true, 2),
                    test,
                    labels,
                    new CellModels.InputShape(1, 6, 6),
                    org.delvm.benchmark.datasets.EcgProtocol.PROJECT));

    assertEquals(CellStatus.COMPLETED, r.status(), r.message());
    List<Picture> pictures = r.pictures();
    assertEquals(16, pictures.size(), pictures.toString());
    List<String> rows = rows(pictures);
    assertEquals(2, rows.size(), rows.toString());
    assertTrue(rows.get(0).contains("threshold"), rows.get(0));
    assertTrue(rows.get(1).contains("the decoder's output"), rows.get(1));
    for (int i = 0; i < 4; i++) {
      String normal = pictures.get(i).caption();
      String anomaly = pictures.get(4 + i).caption();
      assertTrue(normal.matches("normal, score [0-9.e+-]+"), "not flagged (F1 100): " + normal);
      assertTrue(anomaly.matches("anomaly, score [0-9.e+-]+, flagged"), anomaly);
      assertEquals("x_hat of normal", pictures.get(8 + i).caption());
      assertEquals(12, decode(pictures.get(i)).getWidth(), "6 x 6 enlarged twice");
    }
  }

  @Test
  void vectorAnomalyCellsHaveNoPictures() {
    Cell spec = cell("ecg", "ecg5000", "delvm-mlp", List.of(8), "sm", null, null, null, null);
    Random random = new Random(1);
    float[][] train = new float[40][12];
    float[][] test = new float[20][12];
    for (float[][] rows : List.of(train, test)) {
      for (float[] row : rows) {
        for (int j = 0; j < row.length; j++) {
          row[j] = (float) random.nextGaussian();
        }
      }
    }
    int[] labels = new int[20];
    Arrays.fill(labels, 10, 20, 1);

    CellResult r =
        new AnomalyCellRunner(s -> {})
            .run(spec, AnomalyCellRunner.AnomalyData.of(train, test, labels));

    assertEquals(CellStatus.COMPLETED, r.status(), r.message());
    assertEquals(List.of(), r.pictures());
  }

  @Test
  void picturesThatCannotBeMadeAreLeftOutAndLogged() {
    List<String> log = new ArrayList<>();
    List<Picture> none =
        CellPictures.orNone(
            "c",
            log::add,
            () -> {
              throw new IllegalStateException("no PNG writer");
            });
    assertEquals(List.of(), none);
    assertEquals(
        List.of(
            "cell c: no pictures for the report: java.lang.IllegalStateException: no PNG writer"),
        log);
  }
}
