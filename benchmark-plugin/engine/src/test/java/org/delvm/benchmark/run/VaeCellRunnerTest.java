package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.delvm.benchmark.models.vae.AlphaUpdate;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.VaeSettings;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.junit.jupiter.api.Test;

class VaeCellRunnerTest {

  private static Cell cell(String objective, Map<String, Object> options, int epochs) {
    return new Cell(
        "vae-" + objective,
        "VAE paper, Table 1 (test)",
        "cosine-3d",
        0L,
        "vae",
        List.of(8),
        "relu",
        objective,
        options,
        epochs,
        100,
        List.of(1e-3),
        3L,
        Map.of("RE", 0.009, "KL", 56832.0, "alpha", 0.00018));
  }

  @Test
  void theLagrangianCellReportsTheTableOneQuantitiesAndFigureOne() {
    List<String> log = new ArrayList<>();

    CellResult r = new VaeCellRunner(log::add).run(cell("lagrangian", Map.of(), 1));

    assertEquals(CellStatus.COMPLETED, r.status(), r.message());
    Map<String, Double> m = new HashMap<>();
    r.metrics().forEach(x -> m.put(x.name(), x.value()));
    assertEquals(
        java.util.Set.of(
            "RE", "KL", "KL (sum over the data set)", "(1+alpha) RE", "alpha KL", "alpha"),
        m.keySet(),
        m.toString());
    assertEquals(10000 * m.get("KL"), m.get("KL (sum over the data set)"), 1e-6 * m.get("KL"));
    assertEquals(
        56832.0,
        r.metrics().stream()
            .filter(x -> x.name().startsWith("KL (sum"))
            .findFirst()
            .orElseThrow()
            .paper(),
        "the paper's KL is a sum over its 10000 samples");
    assertEquals((1 + m.get("alpha")) * m.get("RE"), m.get("(1+alpha) RE"), 1e-9 * m.get("RE"));
    assertEquals(0.009, r.metrics().get(0).paper());
    assertEquals("VAE, Lagrangian (7)", r.series());
    assertEquals(2, r.pictures().size());
    assertTrue(r.pictures().get(0).row().contains("decoded from z ~ N(0, I)"));
    assertTrue(log.stream().anyMatch(l -> l.contains("done in")), log.toString());
  }

  @Test
  void theElboCellHasNoAlphaAndOptionsAreChecked() {
    CellResult r = new VaeCellRunner(l -> {}).run(cell("elbo", Map.of(), 1));
    assertEquals(3, r.metrics().size(), r.metrics().toString());

    assertEquals(
        AlphaUpdate.Rule.ASCENT_PROJECTED,
        VaeSettings.of(cell("lagrangian", Map.of("alphaRule", "ascent"), 1)).alphaRule());
    assertEquals(
        AlphaUpdate.Rule.DESCENT_REFLECTED,
        VaeSettings.of(cell("lagrangian", Map.of(), 1)).alphaRule());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> VaeSettings.of(cell("lagrangian", Map.of("beta", 1), 1)));
    assertTrue(e.getMessage().contains("Valid options: [alphaInitial"), e.getMessage());
  }
}
