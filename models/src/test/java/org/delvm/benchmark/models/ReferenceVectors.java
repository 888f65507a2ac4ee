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
  public static LayeredNetwork mlp(JsonNode c) {
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

  /** The case's network, MLP or CNN, its weights in double precision. */
  public static LayeredNetwork network(JsonNode c) {
    if (!c.get("name").asText().startsWith("conv")) {
      return mlp(c);
    }
    JsonNode shape = c.get("input_shape");
    JsonNode params = c.get("params");
    List<INDArray> weights = new ArrayList<>();
    List<INDArray> biases = new ArrayList<>();
    for (int l = 1; params.has("W" + l); l++) {
      weights.add(array(params.get("W" + l)));
      biases.add(array(params.get("b" + l)));
    }
    return Cnn.of(
        shape.get(1).asInt(),
        shape.get(2).asInt(),
        shape.get(3).asInt(),
        Activation.RELU,
        weights,
        biases);
  }

  /** A per-sample array (n x ...) flattened to n x rest, as models take images. */
  public static INDArray rows(JsonNode node) {
    INDArray a = array(node);
    return a.dup('c').reshape(a.shape()[0], a.length() / a.shape()[0]);
  }

  /** Every case: the MLPs and the CNNs. */
  public static List<String> allCases() {
    List<String> all = new ArrayList<>(mlpCases());
    all.add("conv-1layer-relu-3x3-pad1");
    all.add("conv-2layer-relu-3x3-pad1");
    return all;
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
    List<Long> shape = new ArrayList<>();
    for (JsonNode n = node; n.isArray(); n = n.get(0)) {
      shape.add((long) n.size());
    }
    List<Double> values = new ArrayList<>();
    flatten(node, values);
    double[] data = values.stream().mapToDouble(Double::doubleValue).toArray();
    if (shape.isEmpty()) {
      return Nd4j.scalar(data[0]);
    }
    return Nd4j.createFromArray(data).reshape(shape.stream().mapToLong(Long::longValue).toArray());
  }

  private static void flatten(JsonNode node, List<Double> values) {
    if (node.isArray()) {
      node.forEach(child -> flatten(child, values));
    } else {
      values.add(node.asDouble());
    }
  }
}
