package org.delvm.benchmark.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.delvm.benchmark.datasets.FetchedDataset;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.run.VaeCellRunner;

/**
 * What a cell's result depends on: its definition, the bytes of its dataset and the model code that
 * trains it. A stored result is reused only when all three are unchanged.
 *
 * @param cellSha256 SHA-256 of the cell's definition as canonical JSON (sorted keys)
 * @param datasetFiles the dataset's file names and their SHA-256s
 * @param codeSha256 the hash of the model classes that ran ({@link CodeVersion#codeSha256()}): a
 *     change to the numerics makes every result stale without {@code -Ddelvm.fresh}
 */
@JsonDeserialize(using = CellFingerprint.Reader.class)
public record CellFingerprint(
    String cellSha256, Map<String, String> datasetFiles, String codeSha256) {

  private static final Set<String> FIELDS = Set.of("cellSha256", "datasetFiles", "codeSha256");

  /** Sorted properties and map keys, so that the same cell always gives the same bytes. */
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  public CellFingerprint {
    datasetFiles = Map.copyOf(datasetFiles);
  }

  public static CellFingerprint of(Cell cell, FetchedDataset data) {
    Map<String, String> files = new LinkedHashMap<>();
    data.files().forEach(f -> files.put(f.name(), f.sha256()));
    return new CellFingerprint(
        sha256(canonicalJson(cell)), files, CodeVersion.current().codeSha256());
  }

  /**
   * The fingerprint of a cell whose data its runner generates: the generator and its settings stand
   * in for the files.
   */
  public static CellFingerprint generated(Cell cell) {
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

  /**
   * Reads a stored fingerprint as strictly as the record (no unknown, missing or mistyped field),
   * except that one stored before the code hash existed reads with an empty hash: its result is
   * then stale and run again, not damaged and deleted (which the {@code report} goal would do too).
   */
  static final class Reader extends StdDeserializer<CellFingerprint> {

    private static final long serialVersionUID = 1L;

    Reader() {
      super(CellFingerprint.class);
    }

    @Override
    public CellFingerprint deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonNode tree = context.readTree(parser);
      JsonNode code = tree.path("codeSha256");
      boolean valid =
          tree.isObject()
              && tree.path("cellSha256").isTextual()
              && tree.path("datasetFiles").isObject()
              && (code.isMissingNode() || code.isTextual());
      Map<String, String> files = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> f : tree.path("datasetFiles").properties()) {
        valid &= f.getValue().isTextual();
        files.put(f.getKey(), f.getValue().asText());
      }
      for (Map.Entry<String, JsonNode> field : tree.properties()) {
        valid &= FIELDS.contains(field.getKey());
      }
      if (!valid) {
        return context.reportInputMismatch(
            CellFingerprint.class, "not a cell fingerprint: %s", tree);
      }
      return new CellFingerprint(
          tree.path("cellSha256").asText(), files, code.isMissingNode() ? "" : code.asText());
    }
  }
}
