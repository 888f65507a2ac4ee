package org.delvm.benchmark.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.LayeredNetwork;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.graph.Activation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AnomalyCellRunnerTest {

  @Test
  void countsTheUnitsOfFThatAreActiveOnSomeSample() {
    LayeredNetwork mlp = Mlp.initialise(4, List.of(6, 5), Activation.RELU, 1L, DataType.FLOAT);
    INDArray x = Nd4j.rand(DataType.FLOAT, 20, 4);
    // Last layer: two units pushed far below zero can never fire on inputs in [0, 1).
    mlp.bias(1).value().putScalar(0, -1e3);
    mlp.bias(1).value().putScalar(3, -1e3);
    mlp.bias(1).value().putScalar(1, 1e3);
    mlp.bias(1).value().putScalar(2, 1e3);
    mlp.bias(1).value().putScalar(4, 1e3);
    assertEquals(60.0, AnomalyCellRunner.activeUnits(new Delvm(mlp), x), 1e-9);

    mlp.bias(1).value().assign(-1e3);
    assertEquals(0.0, AnomalyCellRunner.activeUnits(new Delvm(mlp), x), 1e-9);
  }
}
