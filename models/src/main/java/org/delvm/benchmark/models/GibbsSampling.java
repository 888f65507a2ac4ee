package org.delvm.benchmark.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A model with a block-Gibbs sampler over its joint (x, h), which contrastive divergence uses. */
public interface GibbsSampling {

  /** A sampler running {@code chains} chains at once; its buffers are reused between calls. */
  Sampler gibbsSampler(int chains, long seed);

  /** Runs Gibbs chains. */
  interface Sampler {
    /**
     * {@code steps} sweeps from {@code start} (chains x d, not modified); the returned array is the
     * sampler's buffer, valid until the next call.
     */
    INDArray run(INDArray start, int steps);
  }
}
