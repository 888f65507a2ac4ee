package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.delvm.benchmark.evaluation.LayerFeatures;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.Inference;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.ModelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CellModelsTest {

  private static Cell cell(ModelKind kind) {
    return builder(kind).build();
  }

  private static TestCell builder(ModelKind kind) {
    boolean cnn = kind.convolutional();
    return TestCell.ecg("c")
        .dataset(cnn ? "fashion-mnist" : "ecg5000")
        .model(kind.id())
        .hiddenUnits(List.of(3, 2))
        .activation(kind.id().startsWith("cebm") ? "silu" : "softplus")
        .objective(kind.onlyObjective().orElse("sm"))
        .batchSize(10)
        .seed(5)
        .series(kind.series("sm"))
        .kernels(cnn ? List.of(3, 3) : null)
        .images(cnn ? new Cell.ImageSubset(10, 10, 1) : null)
        .latentUnits(kind.id().startsWith("cebm") ? 2 : null);
  }

  @ParameterizedTest
  @EnumSource(value = ModelKind.class, names = "VAE", mode = EnumSource.Mode.EXCLUDE)
  void everyPlanModelIsBuiltScoredAndGivesOneFeatureBlockPerLayer(ModelKind kind) {
    CellModels.InputShape shape =
        kind.convolutional() ? new CellModels.InputShape(1, 5, 5) : CellModels.InputShape.vector(7);
    EnergyModel model = CellModels.create(cell(kind), shape);
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, shape.size());

    double[] errors = CellModels.reconstructionErrors(model, x);
    float[][] features = LayerFeatures.of(model, CellModels.featureNetwork(model), x);

    assertEquals(shape.size(), model.inputSize());
    assertEquals(4, errors.length);
    assertTrue(java.util.Arrays.stream(errors).allMatch(e -> e >= 0 && Double.isFinite(e)));
    assertEquals(4, features.length);
    assertEquals(LayerFeatures.size(CellModels.featureNetwork(model)), features[0].length);
  }

  @ParameterizedTest
  @EnumSource(
      value = ModelKind.class,
      names = {"DELVM_MLP", "DEM_MLP", "CEBM_MLP", "DELVM_CNN", "DEM_CNN", "CEBM_CNN"})
  void anEnergyModelsReconstructionErrorIsItsSquaredScore(ModelKind kind) {
    CellModels.InputShape shape =
        kind.convolutional() ? new CellModels.InputShape(1, 5, 5) : CellModels.InputShape.vector(7);
    EnergyModel model = CellModels.create(cell(kind), shape);
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, shape.size());
    Inference inference = new Inference(model);

    double[] reconstruction =
        inference.run(x, Inference.Quantity.RECONSTRUCTION_ERROR).toDoubleVector();
    Graph g = new Graph(model.dataType(), false);
    Node input = g.input(x.rows(), model.inputSize());
    Node score = g.sumSquaresRows(model.build(g, input).energyGradient());
    input.value().assign(x);
    g.forward();
    double[] squaredScore = score.value().toDoubleVector();

    assertArrayEquals(reconstruction, squaredScore, 1e-4 * (1 + reconstruction[0]));
  }

  @Test
  void aPretrainedDelvmStartsFromTheStackedRbmsWeights() {
    Cell pretrained =
        builder(ModelKind.DELVM_MLP)
            .activation("sigmoid")
            .pretraining(new Cell.Pretraining(2, 1, 1e-2))
            .build();
    INDArray x = Nd4j.rand(DataType.FLOAT, 30, 7);

    org.delvm.benchmark.models.Delvm model =
        (org.delvm.benchmark.models.Delvm)
            CellModels.create(pretrained, CellModels.InputShape.vector(7), x);
    org.delvm.benchmark.models.StackedRbm stack =
        org.delvm.benchmark.models.StackedRbm.pretrain(x, List.of(3, 2), 1, 2, 10, 1e-2, 5L);

    org.delvm.benchmark.models.LayeredNetwork f = CellModels.featureNetwork(model);
    assertEquals(org.delvm.benchmark.models.graph.Activation.SIGMOID, f.activation(0));
    assertEquals(
        ((org.delvm.benchmark.models.DenseLayer) stack.network().layer(0)).weights().value(),
        ((org.delvm.benchmark.models.DenseLayer) f.layer(0)).weights().value());
    assertEquals(
        ((org.delvm.benchmark.models.DenseLayer) stack.network().layer(1)).weights().value(),
        ((org.delvm.benchmark.models.DenseLayer) f.layer(1)).weights().value());
  }
}
