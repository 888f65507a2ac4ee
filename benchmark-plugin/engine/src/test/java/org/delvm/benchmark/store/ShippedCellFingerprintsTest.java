package org.delvm.benchmark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.plan.PlanLoader;
import org.junit.jupiter.api.Test;

/**
 * A stored result is reused only while its cell's fingerprint is unchanged, and the Spark runner
 * ships cells as JSON. These tests pin both for the shipped plans: a change to the resolved cell's
 * fields, their names or order, or to a plan's defaults fails here, not silently by running every
 * stored result again. When such a change is meant, update the pins.
 */
class ShippedCellFingerprintsTest {

  /** A shipped plan's cell and the hash of its definition ({@link CellFingerprint#cellSha256}). */
  private record Pin(String plan, String cell, String cellSha256) {}

  /** One cell per model, evaluation, dataset kind and option that each shipped plan uses. */
  private static final List<Pin> PINS =
      List.of(
          new Pin(
              "smoke",
              "smoke-sm-mlp32-seed1",
              "70927c417a397f1ff00a443944bcc0536fe4c31381d8c7cb4795012fb1239dc1"),
          new Pin(
              "smoke",
              "smoke-protocol-seed1",
              "fd0f0bb2531f0f758f3350537ec870d1cc8050e42f2c689256b75e2be769a679"),
          new Pin(
              "default",
              "fig7-sm-mlp64",
              "111b33088536d9090d7875d63b536a834aa6e8e17532682307ce53680a8c972a"),
          new Pin(
              "default",
              "ecg-tf-tutorial-sm-mlp2048-seed1",
              "242923bff1979e75775cdac553e5d8e5c71e04ebf755e53e99d26fcf1a1a3ca6"),
          new Pin(
              "default",
              "fig7-ae-mlp64",
              "317e1f6fe651e45e08e7c52fbdeb3b58212d3fc0ba3b2fb13bd4461bb2671156"),
          new Pin(
              "default",
              "extras-sigmoid-rbm",
              "768e9b3d5ce2275c2aa1c92294565967c269e25204d2ba1e77892280febb5831"),
          new Pin(
              "default",
              "extras-dem",
              "5de70f8fd9821c9c6e9206939fd0522c8c3e97a91de5699ffb6093e5edabc310"),
          new Pin(
              "default",
              "fig8-cebm-mlp256",
              "2248a1ad31bfdca6626d4da7624e9b765ea563e4d4c533653dca64beae7d84fa"),
          new Pin(
              "default",
              "fig1-filters-sm-f10",
              "349dee73b72fd405344d66523c5d4630436d0fab31985ab4b3e861a142bca8a4"),
          new Pin(
              "default",
              "fig2-dem-cnn-f10",
              "eba90091c469a8f7a37667e7abe9232960b738bd2403c5fb1bdc2eb5333ccb1a"),
          new Pin(
              "default",
              "fig3-cebm",
              "ff1ad441a4e751d78ae7fdb2a73faa5ce55a3b7732499dc5815e72dfad9ab72d"),
          new Pin(
              "default",
              "fig4-sm-f20-k3",
              "ec607968691e3ad70d0b3359f2dc8c6123129bb68abdd7260e2f20d00a175049"),
          new Pin(
              "default",
              "fig5-dem-cnn-f20",
              "a6961ab3551aa3bc860978d31c293cf2bfd175450f990f4ac0d7f0ec746b9c86"),
          new Pin(
              "default",
              "fig9-sm-f16",
              "09c97a7937e5e1ed6d1b04608f26c8bacf1512b06ff9dc37947ef6b146c17e82"),
          new Pin(
              "default",
              "fig9-cae-f16",
              "64d3154483c89b32eed722fd12ede32973bd48b45ea36cf9287a68481e6226e1"),
          new Pin(
              "default",
              "fig9-cebm",
              "1d816d972abbe9b1626d25e9936804adbb89cd8cd7d68a18f70d907db4370f61"),
          new Pin(
              "default",
              "vae-table1-elbo-seed1",
              "9ff26ea1427d38dea96fb571d253d3f19fc92577e3ab56ff6194e981cf76bafd"),
          new Pin(
              "paper",
              "fig7-sm-mlp64-seed1",
              "289632110232e44f13768e07b4a69d29344b3c34e98e324b29eb1ef6cc8d9f96"),
          new Pin(
              "paper",
              "fig7-ae-mlp64-seed1",
              "9b197c724025820e25f9e55c1e0db68b870a746ea3a1f02a2c18699e850102a1"),
          new Pin(
              "paper",
              "fig1-k3-sm-f10",
              "5c766e1f154a10a784cebe5286da4d8757a5c17944a74a2d325ef427be654330"),
          new Pin(
              "paper",
              "fig2-k3-dem-cnn-f10",
              "a2d4358187088f35e1d72178d87e77c5a9d71aa15cfb35a6b42a0d2c494eacfd"),
          new Pin(
              "paper",
              "fig3-cebm",
              "dd5c56d4e2818df4c76d0dfc82f2bbcf541880b3a04c5712b8fd18800a4eb9d7"),
          new Pin(
              "paper",
              "fig4-k3-delvm-sm-f10",
              "443e66a282d0efe88fb0e30f39c34737c7b895679b697f7f9ad6319aa026de18"),
          new Pin(
              "paper",
              "fig5-k3-dem-sm-f10",
              "79cb78e407a53e651a53d926c67e3c4d42e581bded11def405aa78e2e8185173"),
          new Pin(
              "paper",
              "fig6-cebm",
              "f1ff30ac56c8910922005935d8a7f36fe6fcac0ef3f09f64cad03bb859c059f9"),
          new Pin(
              "paper",
              "table1-sm",
              "fdf62bb091eda4fa00e0607fa6d3f4dd81182db8893ffa4e1a0edce26a4e33a6"),
          new Pin(
              "paper",
              "table1-cae",
              "b05d620daf8243ad7df842b26dd19dbe77fe5e92a0137187e960f36a9fd2e9c2"),
          new Pin(
              "paper",
              "fig9-cebm",
              "561f6276d1aeae6b50cdb0d473a421e66df0ade6b67798f460665792d1ffdbaf"),
          new Pin(
              "paper",
              "fig8-cebm-mlp2048-seed1",
              "40257b5c4a555dc08994fedbaf42fb17bd6d2ec5ca128dc9085e7e1bbf611762"),
          new Pin(
              "paper",
              "vae-table1-elbo-seed1",
              "882f41a5ad29b95394453520047d0d559bd326444a7dd31fbb1eca6c23c67720"),
          new Pin(
              "paper",
              "extras-sigmoid-rbm-seed1",
              "47051b5d170cdafa8993102168f3296f60e86f95a7f394c219ef408605eea395"),
          new Pin(
              "fashion-mnist",
              "fig1-filters-sm-f20",
              "3cacbdea8ec3784923392d79560aa8d7b7120728c667b7aa2ac359959914f3c5"),
          new Pin(
              "ecg-protocols",
              "ecg-project-sm-split2023-seed1",
              "61faadfe70c8b04483e2549d62c78d03e28126a491f54a87160cce22961fc656"),
          new Pin(
              "ecg-protocols",
              "ecg-project-ae-split2023-seed1",
              "8556fe43fffe3ed220a1d48b76ed05d913053a197694995618b7315bed22b39c"));

  /** The fields of a cell's JSON, in the order of {@link Cell}'s components. */
  private static final List<String> FIELDS =
      List.of(
          "id",
          "experiment",
          "dataset",
          "splitSeed",
          "model",
          "hiddenUnits",
          "activation",
          "objective",
          "objectiveOptions",
          "epochs",
          "batchSize",
          "learningRates",
          "seed",
          "paper",
          "series",
          "coordinates",
          "kernels",
          "images",
          "evaluation",
          "latentUnits",
          "pretraining",
          "protocol");

  /** Every cell has these; the others only some kinds of cell. */
  private static final List<String> ALWAYS = FIELDS.subList(0, FIELDS.indexOf("coordinates") + 1);

  @Test
  void representativeCellsOfTheShippedPlansKeepTheirFingerprints() {
    Map<String, Plan> plans = new HashMap<>();
    for (Pin pin : PINS) {
      Plan plan = plans.computeIfAbsent(pin.plan(), new PlanLoader()::load);
      Cell cell =
          plan.cells().stream()
              .filter(c -> c.id().equals(pin.cell()))
              .findFirst()
              .orElseThrow(() -> new AssertionError(pin + ": no such cell"));
      assertEquals(pin.cellSha256(), CellFingerprint.generated(cell).cellSha256(), pin.toString());
    }
  }

  @Test
  void everyShippedCellWritesItsFieldsInComponentOrderAndOnlyTheAbsentOptionalOnesNot() {
    ObjectMapper json = new ObjectMapper();
    for (String name : PlanLoader.SHIPPED) {
      for (Cell cell : new PlanLoader().load(name).cells()) {
        List<String> written = new ArrayList<>();
        json.valueToTree(cell).fieldNames().forEachRemaining(written::add);
        assertEquals(FIELDS.stream().filter(written::contains).toList(), written, cell.id());
        assertTrue(written.containsAll(ALWAYS), cell.id() + ": " + written);
      }
    }
  }

  /** As the Spark runner ships cells to its executors and reads them there. */
  @Test
  void everyShippedCellReadsBackFromItsJsonAsItself() throws Exception {
    ObjectMapper json =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    for (String name : PlanLoader.SHIPPED) {
      for (Cell cell : new PlanLoader().load(name).cells()) {
        assertEquals(cell, json.readValue(json.writeValueAsString(cell), Cell.class), cell.id());
      }
    }
  }
}
