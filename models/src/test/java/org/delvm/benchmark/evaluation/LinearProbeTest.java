package org.delvm.benchmark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
