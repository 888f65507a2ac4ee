package org.delvm.benchmark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.report.Provenance;
import org.delvm.benchmark.run.CellOutcome;
import org.delvm.benchmark.run.PlanOutcome;
import org.delvm.benchmark.run.Reproducer;
import org.delvm.benchmark.run.TinyPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each stored result records what produced it, and a change of the model code makes it stale. */
class CellProvenanceTest {

  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();

  private List<CellOutcome> run(Plan plan) {
    log.clear();
    return new Reproducer(
            TinyPlans.offline(dir.resolve("cache")), dir.resolve("results"), false, log::add)
        .runCells(plan);
  }

  @Test
  void aResultFromOtherModelCodeIsRunAgainWithoutFreshTheOthersAreReused() throws Exception {
    Plan plan = new Plan("tiny", "test plan", List.of(TinyPlans.cell("a"), TinyPlans.cell("b")));
    List<CellOutcome> first = run(plan);

    Provenance p = first.get(0).result().provenance();
    CodeVersion code = CodeVersion.current();
    assertEquals(code.codeSha256(), p.codeSha256());
    assertEquals(code.codeSha256(), first.get(0).stored().fingerprint().codeSha256());
    assertEquals(code.commit(), p.commit());
    assertFalse(p.version().isBlank(), p.toString());
    assertEquals(first.get(0).stored().seconds(), p.wallSeconds());
    for (String key :
        List.of("java", "os", "cores", "compute threads", "max heap", "javacpp maxPhysicalBytes")) {
      assertTrue(p.environment().containsKey(key), key + " in " + p.environment());
    }
    if (Files.isReadable(Path.of("/proc/self/status"))) {
      assertTrue(p.peakRssBytes() > 0, p.toString());
      assertTrue(p.environment().containsKey("cpu"), p.environment().toString());
    }
    assertTrue(p.physicalBytes() > 0, p.toString());

    // As if the model code had changed since cell a was stored: another code hash.
    Path stored = dir.resolve("results/tiny/a.json");
    String json = Files.readString(stored, StandardCharsets.UTF_8);
    assertTrue(json.contains(code.codeSha256()));
    Files.writeString(
        stored,
        json.replace(
            "\"codeSha256\" : \"" + code.codeSha256() + "\"", "\"codeSha256\" : \"0ther\""));
    reseal(stored);
    assertTrue(
        Files.readString(stored).contains("0ther"), "the fingerprint's code hash was replaced");

    List<CellOutcome> second = run(plan);

    assertFalse(second.get(0).reused(), log.toString());
    assertTrue(
        log.stream().anyMatch(l -> l.contains("cell a: the model code changed since")),
        log.toString());
    assertTrue(second.get(1).reused(), "b is unaffected: " + log);
    assertEquals(
        first.get(0).result().metrics(),
        second.get(0).result().metrics(),
        "same code, same numbers");
    assertTrue(run(plan).stream().allMatch(CellOutcome::reused), "stored again with today's hash");
  }

  @Test
  void theCodeHashCoversEveryModelClassByNameAndBytes() {
    String hash = CodeVersion.hashClasses(EnergyModel.class);
    assertEquals(hash, CodeVersion.current().codeSha256());
    assertTrue(hash.matches("[0-9a-f]{64}"), hash);

    Map<String, byte[]> classes =
        new TreeMap<>(Map.of("a.class", new byte[] {1, 2}, "b.class", new byte[] {3}));
    String before = CodeVersion.sha256(classes);
    assertEquals(before, CodeVersion.sha256(new TreeMap<>(classes)));
    classes.put("b.class", new byte[] {4});
    assertNotEquals(before, CodeVersion.sha256(classes), "a changed byte");
    assertNotEquals(
        before,
        CodeVersion.sha256(
            new TreeMap<>(Map.of("a.class", new byte[] {1}, "b.class", new byte[] {2, 3}))),
        "a byte moved between classes");
  }

  @Test
  void theBuildRecordsTheCommitWhenBuiltFromACheckout() throws Exception {
    CodeVersion code = CodeVersion.current();
    boolean checkout = Files.exists(Path.of(System.getProperty("basedir", ".")).resolve("../.git"));
    if (checkout) {
      assertTrue(code.commit().matches("[0-9a-f]{40}"), code.toString());
    }
    assertFalse(code.version().isBlank(), code.toString());
    assertTrue(new ObjectMapper().writeValueAsString(Provenance.NONE).contains("\"commit\""));
  }

  @Test
  void aResultStoredBeforeTheCodeHashIsStaleNotDamaged() throws Exception {
    Plan plan = new Plan("tiny", "test plan", List.of(TinyPlans.cell("a")));
    run(plan);
    Path stored = dir.resolve("results/tiny/a.json");
    String hash = CodeVersion.current().codeSha256();
    String json = Files.readString(stored, StandardCharsets.UTF_8);
    // The fingerprint comes first; the provenance further down keeps its hash.
    String old = json.replaceFirst(",\\s*\"codeSha256\" : \"" + hash + "\"", "");
    assertEquals(
        json.split(hash, -1).length - 1,
        old.split(hash, -1).length,
        "the fingerprint's hash removed");
    Files.writeString(stored, old);
    reseal(stored);

    log.clear();
    PlanOutcome report =
        Reproducer.fromStoredResults(
                TinyPlans.offline(dir.resolve("cache")), dir.resolve("results"), log::add)
            .run(plan, dir.resolve("report"));

    assertEquals(List.of("a"), report.notRun());
    assertTrue(
        log.stream()
            .anyMatch(l -> l.contains("cell a: no valid stored result: the model code changed")),
        log.toString());
    assertTrue(Files.exists(stored), "kept, not deleted as damaged");
    assertFalse(run(plan).get(0).reused(), "the reproduce goal runs it again");
  }

  /**
   * Seals an edited stored result again, as the build that wrote it would have: the tests change
   * the code hash on purpose, which is not the damage the integrity field is there to catch.
   */
  private static void reseal(Path stored) throws Exception {
    ObjectMapper json = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(stored.toFile());
    tree.remove(ResultStore.INTEGRITY_FIELD);
    tree.put(
        ResultStore.INTEGRITY_FIELD,
        ResultStore.sha256(json.treeToValue(tree, StoredResult.class)));
    Files.writeString(stored, json.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
  }
}
