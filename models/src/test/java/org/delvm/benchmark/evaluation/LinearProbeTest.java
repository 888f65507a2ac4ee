package org.delvm.benchmark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.delvm.benchmark.models.Cnn;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.LayeredNetwork;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.Example;
import org.tribuo.ImmutableDataset;
import org.tribuo.MutableFeatureMap;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

class LinearProbeTest {

  /** Three Gaussian clusters in 40 dimensions, with offsets of different scales. */
  private static float[][] clusters(int n, int[] labels, long seed) {
    Random random = new Random(seed);
    float[][] x = new float[n][40];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int j = 0; j < 40; j++) {
        x[i][j] =
            (float) (random.nextGaussian() + (j % 3 == labels[i] ? 2.0 : 0.0) + 100 * (j % 5));
      }
    }
    return x;
  }

  @Test
  void separatesSeparableClassesAndReportsPerClassAccuracy() {
    int[] trainLabels = new int[600];
    int[] testLabels = new int[300];
    float[][] train = clusters(600, trainLabels, 1L);
    float[][] test = clusters(300, testLabels, 2L);
    LinearProbe.Result r =
        new LinearProbe(5, 7L)
            .evaluate(train, trainLabels, test, testLabels, List.of("a", "b", "c"));
    assertTrue(r.accuracy() > 95, "accuracy " + r.accuracy());
    assertEquals(List.of("a", "b", "c"), List.copyOf(r.perClassAccuracy().keySet()));
    assertEquals(40, r.features());
    assertEquals(300, r.testSize());
  }

  /**
   * The streamed classifier is Tribuo's: same weights and same test probabilities to the last bit,
   * with five classes (one past the four-at-a-time dot products) and a partial last minibatch.
   */
  @Test
  void streamedSoftmaxRegressionIsBitForBitTribuosLinearSgdTrainer() {
    int classes = 5;
    int width = 9;
    int[] trainLabels = new int[150];
    int[] testLabels = new int[40];
    float[][] train = gaussians(trainLabels, classes, width, 3L);
    float[][] test = gaussians(testLabels, classes, width, 4L);
    int epochs = 3;
    long seed = 11L;

    SoftmaxRegression ours =
        SoftmaxRegression.train(
            FeatureRows.of(train),
            trainLabels,
            classes,
            new SoftmaxRegression.Settings(0.1, 0.1, epochs, 64, seed));

    LabelFactory factory = new LabelFactory();
    Map<Label, Integer> ids = new LinkedHashMap<>();
    String[] names = new String[width];
    MutableFeatureMap features = new MutableFeatureMap();
    for (int j = 0; j < width; j++) {
      names[j] = "f" + j;
      features.add(names[j], 0.0);
    }
    for (int c = 0; c < classes; c++) {
      ids.put(new Label("c" + c), c);
    }
    LinearSGDModel tribuo =
        (LinearSGDModel)
            new LinearSGDTrainer(
                    new LogMulticlass(), new AdaGrad(0.1, 0.1), epochs, Integer.MAX_VALUE, 64, seed)
                .train(
                    new ImmutableDataset<>(
                        examples(train, trainLabels, names),
                        new SimpleDataSourceProvenance("train", factory),
                        factory,
                        new org.tribuo.ImmutableFeatureMap(features),
                        factory.constructInfoForExternalModel(ids),
                        false));

    DenseMatrix weights = tribuo.getWeightsCopy();
    float[] row = new float[width];
    double[] scratch = new double[width + 1];
    double[] p = new double[classes];
    List<Example<Label>> testExamples = examples(test, testLabels, names);
    for (int i = 0; i < test.length; i++) {
      System.arraycopy(test[i], 0, row, 0, width);
      int predicted = ours.predict(row, scratch, p);
      Prediction<Label> theirs = tribuo.predict(testExamples.get(i));
      assertEquals(theirs.getOutput().getLabel(), "c" + predicted, "test row " + i);
      for (int c = 0; c < classes; c++) {
        assertEquals(theirs.getOutputScores().get("c" + c).getScore(), p[c], 0.0, "row " + i);
      }
    }
    // The learned weights themselves, bias column included.
    assertEquals(width + 1, weights.getDimension2Size());
    double[] probe = new double[classes];
    float[] unit = new float[width];
    ours.predict(unit, scratch, probe);
    Prediction<Label> atZero =
        tribuo.predict(new ArrayExample<>(new Label("c0"), names, new double[width]));
    for (int c = 0; c < classes; c++) {
      assertEquals(atZero.getOutputScores().get("c" + c).getScore(), probe[c], 0.0);
    }
  }

  private static float[][] gaussians(int[] labels, int classes, int width, long seed) {
    Random random = new Random(seed);
    float[][] x = new float[labels.length][width];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = random.nextInt(classes);
      for (int j = 0; j < width; j++) {
        x[i][j] = (float) (random.nextGaussian() + (j % classes == labels[i] ? 1.5 : 0.0));
      }
    }
    return x;
  }

  private static List<Example<Label>> examples(float[][] rows, int[] labels, String[] names) {
    List<Example<Label>> examples = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      double[] values = new double[rows[i].length];
      for (int j = 0; j < values.length; j++) {
        values[j] = rows[i][j];
      }
      examples.add(new ArrayExample<>(new Label("c" + labels[i]), names, values));
    }
    return examples;
  }

  @Test
  void rejectsLabelsThatNameNoClass() {
    float[][] rows = {{1f}, {2f}};
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                new LinearProbe(1, 1L)
                    .evaluate(rows, new int[] {0, 2}, rows, new int[] {0, 1}, List.of("a", "b")));
    assertTrue(e.getMessage().contains("training label 1 is 2; expected 0..1"), e.getMessage());
  }

  @Test
  void featuresOfACnnAreItsMaxPooledMapsConcatenated() {
    LayeredNetwork cnn =
        Cnn.initialise(1, 4, 4, List.of(2, 3), List.of(3, 3), Activation.RELU, 1L, DataType.FLOAT);
    assertEquals(2 * 2 * 2 + 3 * 2 * 2, LayerFeatures.size(cnn));
    Delvm model = new Delvm(cnn);
    INDArray x = Nd4j.rand(DataType.FLOAT, 3, 16);
    float[][] features = LayerFeatures.of(model, x);
    // First layer, first filter, top-left 2x2 window of sample 1.
    INDArray maps = firstLayer(model, x);
    float expected =
        Math.max(
            Math.max(maps.getFloat(1, 0), maps.getFloat(1, 1)),
            Math.max(maps.getFloat(1, 4), maps.getFloat(1, 5)));
    assertEquals(expected, features[1][0], 1e-6);
  }

  @Test
  void featuresOfAnMlpAreItsHiddenLayers() {
    LayeredNetwork mlp = Mlp.initialise(5, List.of(4, 3), Activation.TANH, 1L, DataType.FLOAT);
    assertEquals(7, LayerFeatures.size(mlp));
    assertEquals(7, LayerFeatures.of(new Delvm(mlp), Nd4j.rand(DataType.FLOAT, 2, 5))[0].length);
  }

  private static INDArray firstLayer(Delvm model, INDArray x) {
    Graph g = new Graph(DataType.FLOAT, false);
    Node input = g.input(x.shape());
    List<Node> layers = model.build(g, input).features();
    input.value().assign(x);
    g.forward();
    return layers.get(0).value().dup();
  }
}
