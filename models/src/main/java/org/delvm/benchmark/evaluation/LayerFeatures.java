package org.delvm.benchmark.evaluation;

import java.nio.file.Path;
import java.util.List;
import org.delvm.benchmark.models.ConvLayer;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.LayeredNetwork;
import org.delvm.benchmark.models.graph.ConvShape;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The paper's learned features: the output of every layer of f, each convolutional feature map
 * max-pooled with a 2 x 2 window (stride 2), concatenated. Dense layers are taken as they are.
 */
public final class LayerFeatures {

  private static final int CHUNK = 256;

  private LayerFeatures() {}

  /** Number of features per sample for this network. */
  public static int size(LayeredNetwork network) {
    int total = 0;
    for (int l = 0; l < network.depth(); l++) {
      if (network.layer(l) instanceof ConvLayer conv) {
        ConvShape s = conv.shape();
        total += s.filters() * (s.height() / 2) * (s.width() / 2);
      } else {
        total += network.layer(l).outputSize();
      }
    }
    return total;
  }

  /** The features of every row of x (n x d), as float arrays for the classifier. */
  public static float[][] of(Delvm model, INDArray x) {
    if (!(model.network() instanceof LayeredNetwork network)) {
      throw new IllegalArgumentException(
          "layer features need a layered network, got " + model.describe());
    }
    return of(model, network, x);
  }

  /**
   * The features of every row of x for any model whose {@link EnergyModel.EnergyGraph#features()}
   * are the layers of {@code network} (a DEM's or CEBM's network, an autoencoder's encoder).
   */
  public static float[][] of(EnergyModel model, LayeredNetwork network, INDArray x) {
    float[][] features = new float[(int) x.rows()][];
    forEachRow(model, network, x, (i, row) -> features[i] = row.clone());
    return features;
  }

  /**
   * The same features written to a scratch file in {@code directory}, a chunk of rows at a time,
   * for feature tables larger than the heap; the caller closes (deletes) the file.
   */
  public static FeatureFile write(
      EnergyModel model, LayeredNetwork network, INDArray x, Path directory) {
    try (FeatureFile.Writer writer = FeatureFile.create(directory, size(network))) {
      forEachRow(model, network, x, (i, row) -> writer.append(row, 0, row.length));
      return writer.finish();
    }
  }

  /** Receives row i's features in a buffer that is reused for the next row. */
  private interface RowSink {
    void accept(int i, float[] row);
  }

  private static void forEachRow(
      EnergyModel model, LayeredNetwork network, INDArray x, RowSink sink) {
    int n = (int) x.rows();
    float[] row = new float[size(network)];
    Graph g = null;
    Node input = null;
    List<Node> layers = null;
    for (int from = 0; from < n; from += CHUNK) {
      int rows = Math.min(CHUNK, n - from);
      if (g == null || input.shape()[0] != rows) {
        g = new Graph(model.dataType(), false);
        input = g.input(rows, model.inputSize());
        layers = model.build(g, input).features();
        if (layers.size() != network.depth()) {
          throw new IllegalArgumentException(
              model.describe()
                  + " has "
                  + layers.size()
                  + " feature layers, not "
                  + network.depth());
        }
      }
      input.value().assign(x.get(NDArrayIndex.interval(from, from + rows), NDArrayIndex.all()));
      g.forward();
      float[][][] blocks = new float[layers.size()][][];
      for (int l = 0; l < layers.size(); l++) {
        blocks[l] = pooled(network, l, layers.get(l).value()).toFloatMatrix();
      }
      for (int i = 0; i < rows; i++) {
        int offset = 0;
        for (float[][] block : blocks) {
          System.arraycopy(block[i], 0, row, offset, block[i].length);
          offset += block[i].length;
        }
        sink.accept(from + i, row);
      }
    }
  }

  private static INDArray pooled(LayeredNetwork network, int l, INDArray output) {
    if (!(network.layer(l) instanceof ConvLayer conv)) {
      return output;
    }
    ConvShape s = conv.shape();
    INDArray maps = output.reshape('c', output.rows(), s.filters(), s.height(), s.width());
    INDArray pooled =
        Nd4j.create(output.dataType(), output.rows(), s.filters(), s.height() / 2, s.width() / 2);
    // kernel 2x2, stride 2, no padding, no dilation, truncate odd edges, NCHW
    Nd4j.exec(
        org.nd4j.linalg.api.ops.DynamicCustomOp.builder("maxpool2d")
            .addInputs(maps)
            .addOutputs(pooled)
            .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0)
            .build());
    return pooled.reshape(output.rows(), pooled.length() / output.rows());
  }
}
