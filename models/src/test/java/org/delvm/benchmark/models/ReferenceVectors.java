package org.delvm.benchmark.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
