package org.delvm.benchmark.models;

import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Evaluates a model's per-sample quantities on data of any size, in chunks through a graph built
 * once per chunk size (evaluation is not the hot path, but whole datasets must fit in memory).
 */
public final class Inference {

  public enum Quantity {
    ENERGY,
    RECONSTRUCTION,
    RECONSTRUCTION_ERROR,
    LAPLACIAN
  }

  private static final int CHUNK = 512;

  private final EnergyModel model;
  private Graph graph;
  private Node input;
  private Quantity built;
  private Node output;

  public Inference(EnergyModel model) {
    this.model = model;
  }

  /** The quantity for every row of x: a vector, or n x d for the reconstruction. */
  public synchronized INDArray run(INDArray x, Quantity quantity) {
    if (x.rank() != 2 || x.columns() != model.inputSize() || x.dataType() != model.dataType()) {
      throw new IllegalArgumentException(
          "input must be n x "
              + model.inputSize()
              + " of type "
              + model.dataType()
              + ", got "
              + java.util.Arrays.toString(x.shape())
              + " of type "
              + x.dataType());
    }
    long n = x.rows();
    boolean perSample = quantity != Quantity.RECONSTRUCTION;
    INDArray result =
        perSample
            ? Nd4j.create(model.dataType(), n)
            : Nd4j.create(model.dataType(), n, model.inputSize());
    for (long from = 0; from < n; from += CHUNK) {
      long to = Math.min(n, from + CHUNK);
      INDArray chunk = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
      INDArray value = evaluate(chunk, quantity);
      if (perSample) {
        result.get(NDArrayIndex.interval(from, to)).assign(value.reshape(to - from));
      } else {
        result.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(value);
      }
    }
    return result;
  }

  private INDArray evaluate(INDArray chunk, Quantity quantity) {
    // Only the requested quantity is built: an autoencoder, say, has no Laplacian.
    if (graph == null || built != quantity || input.shape()[0] != chunk.rows()) {
      graph = new Graph(model.dataType(), false);
      input = graph.input(chunk.rows(), model.inputSize());
      EnergyModel.EnergyGraph e = model.build(graph, input);
      output =
          switch (quantity) {
            case ENERGY -> e.energy();
            case RECONSTRUCTION -> e.reconstruction();
            case RECONSTRUCTION_ERROR -> graph.sumSquaresRows(graph.sub(input, e.reconstruction()));
            case LAPLACIAN -> e.energyLaplacian();
          };
      built = quantity;
    }
    input.value().assign(chunk);
    graph.forward();
    return output.value();
  }
}
