package org.delvm.benchmark.models.training;

/**
 * What a DELVM looks like after one epoch, measured on a fixed probe of training rows: the
 * quantities of the CD collapse's mechanism (docs/cd-collapse.md).
 *
 * @param epoch 1-based
 * @param jacobianNormMean mean over the probe rows of the spectral norm of J = df/dx (power
 *     iteration); where it exceeds 1 the density exp(-E) is not normalisable along the top singular
 *     direction
 * @param jacobianNormMax the largest of those norms
 * @param activeUnits fraction of the units of f (the last layer) that are positive on at least one
 *     probe row
 * @param dataEnergy mean E over the probe rows
 * @param sampleEnergy mean E over one move of the DELVM sampler (x' = J^T h + noise, h ~ N(f, I))
 *     from each probe row: CD-1's negative phase
 */
public record EpochDiagnostics(
    int epoch,
    double jacobianNormMean,
    double jacobianNormMax,
    double activeUnits,
    double dataEnergy,
    double sampleEnergy) {}
