package org.delvm.benchmark.reproduction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.delvm.benchmark.datasets.FetchedDataset;
import org.delvm.benchmark.plan.Cell;

/**
 * What a cell's result depends on: its definition, the bytes of its dataset and the model code that
 * trains it. A stored result is reused only when all three are unchanged.
 *
 * @param cellSha256 SHA-256 of the cell's definition as canonical JSON (sorted keys)
 * @param datasetFiles the dataset's file names and their SHA-256s
 * @param codeSha256 the hash of the model classes that ran ({@link CodeVersion#codeSha256()}): a
 *     change to the numerics makes every result stale without {@code -Ddelvm.fresh}
 */
public record CellFingerprint(
    String cellSha256, Map<String, String> datasetFiles, String codeSha256) {

  /** Sorted properties and map keys, so that the same cell always gives the same bytes. */
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  public CellFingerprint {
    datasetFiles = Map.copyOf(datasetFiles);
  }

  static CellFingerprint of(Cell cell, FetchedDataset data) {
    Map<String, String> files = new LinkedHashMap<>();
    data.files().forEach(f -> files.put(f.name(), f.sha256()));
    return new CellFingerprint(
        sha256(canonicalJson(cell)), files, CodeVersion.current().codeSha256());
  }

  /**
   * The fingerprint of a cell whose data its runner generates: the generator and its settings stand
   * in for the files.
   */
  static CellFingerprint generated(Cell cell) {
    return new CellFingerprint(
        sha256(canonicalJson(cell)),
        Map.of(cell.dataset(), "generated: " + VaeCellRunner.DATA_DESCRIPTION),
        CodeVersion.current().codeSha256());
  }

  private static String canonicalJson(Cell cell) {
    try {
      return CANONICAL.writeValueAsString(cell);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A plan cell cannot be serialised: " + cell, e);
    }
  }

  private static String sha256(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
