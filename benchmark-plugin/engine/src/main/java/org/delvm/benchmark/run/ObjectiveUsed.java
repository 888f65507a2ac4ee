package org.delvm.benchmark.run;

import org.delvm.benchmark.plan.Cell;

/**
 * What a cell's objective computes, in words, for the report: the paper mixes exact score matching
 * and its sliced approximation, and exact SM itself is a closed form for one layer and d
 * forward-mode passes beyond, so the objective's name alone does not say what ran.
 */
final class ObjectiveUsed {

  private ObjectiveUsed() {}

  static String of(Cell cell) {
    int layers = cell.hiddenUnits().size();
    String trace =
        layers == 1
            ? "the Hessian trace in closed form (one layer)"
            : "the Hessian trace exactly, by d forward-mode passes (" + layers + " layers)";
    return switch (cell.objective()) {
      case "sm" -> "exact score matching, Hyvarinen's sign; " + trace;
      case "sm-printed" -> "exact score matching with the paper's printed (+) sign; " + trace;
      case "ssm" -> "sliced score matching: the trace estimated by random projections";
      case "dsm" -> "denoising score matching: no trace, a Gaussian-perturbed target";
      case "cd" -> "contrastive divergence: the likelihood gradient with Gibbs/Langevin samples";
      case "pcd-langevin" -> "persistent contrastive divergence with Langevin chains";
      case "nce" -> "noise-contrastive estimation against a Gaussian noise";
      case "fce" ->
          "flow contrastive estimation: NCE against a normalising flow trained adversarially";
      case "reconstruction" -> "squared reconstruction error (autoencoder)";
      default -> cell.objective();
    };
  }
}
