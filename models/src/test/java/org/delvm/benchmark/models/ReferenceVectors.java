package org.delvm.benchmark.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.delvm.benchmark.models.graph.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The independent PyTorch float64 reference values of SCORE-MATCHING-MATH.md (a copy of
 * shared/paper/sm-reference-vectors.json in the test resources).
 */
public final class ReferenceVectors {

  private ReferenceVectors() {}

  public static JsonNode testCase(String name) {
    try (InputStream in =
        ReferenceVectors.class.getResourceAsStream("/sm-reference-vectors.json")) {
      for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
        if (c.get("name").asText().equals(name)) {
          return c;
        }
      }
      throw new IllegalArgumentException("no reference case " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The case's MLP (e.g. {@code mlp-2layer-tanh}), its weights in double precision. */
  public static Mlp mlp(JsonNode c) {
    String name = c.get("name").asText();
    Activation activation =
        Activation.valueOf(name.substring(name.lastIndexOf('-') + 1).toUpperCase(Locale.ROOT));
    JsonNode params = c.get("params");
    List<INDArray> weights = new ArrayList<>();
    List<INDArray> biases = new ArrayList<>();
    for (int l = 1; params.has("W" + l); l++) {
      weights.add(array(params.get("W" + l)));
      biases.add(array(params.get("b" + l)));
    }
    return Mlp.of(activation, weights, biases);
  }

  /** The names of the MLP cases. */
  public static List<String> mlpCases() {
    return List.of(
        "mlp-1layer-relu",
        "mlp-1layer-softplus",
        "mlp-1layer-tanh",
        "mlp-1layer-sigmoid",
        "mlp-2layer-relu",
        "mlp-2layer-tanh");
  }

  /** A JSON array of any nesting as a double INDArray of its natural shape. */
  public static INDArray array(JsonNode node) {
    if (!node.isArray()) {
      return Nd4j.scalar(node.asDouble());
    }
    int rows = node.size();
    if (!node.get(0).isArray()) {
      double[] v = new double[rows];
      for (int i = 0; i < rows; i++) {
        v[i] = node.get(i).asDouble();
      }
      return Nd4j.createFromArray(v);
    }
    double[][] v = new double[rows][];
    for (int i = 0; i < rows; i++) {
      v[i] = array(node.get(i)).toDoubleVector();
    }
    return Nd4j.createFromArray(v).castTo(DataType.DOUBLE);
  }
}
