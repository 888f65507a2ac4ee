package org.delvm.benchmark.models.training;

import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.DelvmGibbsSampler;
import org.delvm.benchmark.models.FeatureNetwork;
import org.delvm.benchmark.models.Inference;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures {@link EpochDiagnostics} on a fixed probe (n x d rows), with graphs built once: power
 * iteration v <- J^T J v / ||J^T J v|| per row (20 iterations from a seeded Gaussian start), f at
 * the probe, and one sampler move.
 */
public final class DelvmDiagnostics {

  private static final int POWER_ITERATIONS = 20;

  private final Delvm model;
  private final INDArray probe;
  private final Graph graph;
  private final Node x;
  private final Node v;
  private final Node jv;
  private final Node jtjv;
  private final Node f;
  private final DelvmGibbsSampler sampler;
  private final Inference inference;
  private final Random random;

  public DelvmDiagnostics(Delvm model, INDArray probe, long seed) {
    this.model = model;
    this.probe = probe;
    int n = (int) probe.rows();
    graph = new Graph(model.dataType(), false);
    x = graph.input(n, model.inputSize());
    v = graph.input(n, model.inputSize());
    FeatureNetwork.Features features = model.network().build(graph, x);
    jv = features.jet(v, 1).tangent();
    jtjv = features.transposeJacobianTimes(jv);
    f = features.output();
    sampler = new DelvmGibbsSampler(model, n, true, seed);
    inference = new Inference(model);
    random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
  }

  /** The diagnostics at the model's current parameters. */
  public EpochDiagnostics measure(int epoch) {
    x.value().assign(probe);
    INDArray start = v.value();
    Nd4j.getExecutioner().exec(new GaussianDistribution(start, 0, 1), random);
    for (int i = 0; i < POWER_ITERATIONS; i++) {
      normaliseRows(start);
      graph.forward();
      start.assign(jtjv.value());
    }
    normaliseRows(start);
    graph.forward();
    // ||J v|| for a unit top right-singular vector v is the spectral norm.
    INDArray norms = jv.value().mul(jv.value()).sum(1);
    org.nd4j.linalg.ops.transforms.Transforms.sqrt(norms, false);
    INDArray activeOnSome = f.value().gt(0).castTo(model.dataType()).max(0);
    double dataEnergy = inference.run(probe, Inference.Quantity.ENERGY).meanNumber().doubleValue();
    INDArray samples = sampler.run(probe, 1).dup();
    double sampleEnergy =
        inference.run(samples, Inference.Quantity.ENERGY).meanNumber().doubleValue();
    return new EpochDiagnostics(
        epoch,
        norms.meanNumber().doubleValue(),
        norms.maxNumber().doubleValue(),
        activeOnSome.meanNumber().doubleValue(),
        dataEnergy,
        sampleEnergy);
  }

  private static void normaliseRows(INDArray a) {
    INDArray norms = a.mul(a).sum(true, 1);
    org.nd4j.linalg.ops.transforms.Transforms.sqrt(norms, false);
    // A dead network has J = 0: its rows stay 0 (spectral norm 0), not 0/0. The guard must not
    // underflow in float32.
    norms.addi(a.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE ? 1e-300 : 1e-30);
    a.diviColumnVector(norms);
  }
}
