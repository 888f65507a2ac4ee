package org.delvm.benchmark.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cell of a plan (dataset x model x objective x settings x seed) and what came out of it.
 *
 * @param experiment the paper's figure, table or section the cell reproduces
 * @param status what became of the cell
 * @param message why a cell did not complete, or empty
 * @param series the curve this cell belongs to in its experiment's plot (e.g. {@code SM-DELVM})
 * @param coordinates where the cell sits on the experiment's sweep axes (e.g. hidden units 2048,
 *     layers 1); the report plots the metrics against them
 * @param pictures small pictures of what the trained model does (test images, reconstructions,
 *     samples), shown in the cell's details; empty for most cells. Kept in the result store, not in
 *     metrics.json. A stored result from before pictures existed reads back with none.
 * @param predictions what the cell predicted for each test sample: what its confidence intervals
 *     resample and its paired comparisons pair. Kept in the result store, not in metrics.json;
 *     {@link TestPredictions#NONE} for cells without a test set and for results stored before.
 * @param provenance the code, machine, time and memory that produced the result; {@link
 *     Provenance#NONE} for cells that did not run here (baselines, placeholders) and for results
 *     stored before it was recorded
 */
@JsonDeserialize(using = CellResult.Reader.class)
public record CellResult(
    String id,
    String experiment,
    String dataset,
    String model,
    String objective,
    Map<String, String> settings,
    long seed,
    CellStatus status,
    String message,
    double trainSeconds,
    double samplesPerSecond,
    List<Double> epochLosses,
    List<MetricResult> metrics,
    String series,
    Map<String, Double> coordinates,
    List<Picture> pictures,
    TestPredictions predictions,
    Provenance provenance) {

  public CellResult {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    epochLosses = List.copyOf(epochLosses);
    metrics = List.copyOf(metrics);
    series = series == null ? "" : series;
    coordinates =
        coordinates == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(coordinates));
    pictures = pictures == null ? List.of() : List.copyOf(pictures);
    predictions = predictions == null ? TestPredictions.NONE : predictions;
    provenance = provenance == null ? Provenance.NONE : provenance;
  }

  /** A result without per-sample predictions and provenance. */
  public CellResult(
      String id,
      String experiment,
      String dataset,
      String model,
      String objective,
      Map<String, String> settings,
      long seed,
      CellStatus status,
      String message,
      double trainSeconds,
      double samplesPerSecond,
      List<Double> epochLosses,
      List<MetricResult> metrics,
      String series,
      Map<String, Double> coordinates,
      List<Picture> pictures) {
    this(
        id,
        experiment,
        dataset,
        model,
        objective,
        settings,
        seed,
        status,
        message,
        trainSeconds,
        samplesPerSecond,
        epochLosses,
        metrics,
        series,
        coordinates,
        pictures,
        TestPredictions.NONE,
        Provenance.NONE);
  }

  /** A result without pictures. */
  public CellResult(
      String id,
      String experiment,
      String dataset,
      String model,
      String objective,
      Map<String, String> settings,
      long seed,
      CellStatus status,
      String message,
      double trainSeconds,
      double samplesPerSecond,
      List<Double> epochLosses,
      List<MetricResult> metrics,
      String series,
      Map<String, Double> coordinates) {
    this(
        id,
        experiment,
        dataset,
        model,
        objective,
        settings,
        seed,
        status,
        message,
        trainSeconds,
        samplesPerSecond,
        epochLosses,
        metrics,
        series,
        coordinates,
        List.of());
  }

  /** This result with other metrics. */
  public CellResult withMetrics(List<MetricResult> newMetrics) {
    return with(newMetrics, series, coordinates, pictures, predictions, provenance);
  }

  /** This result placed on another plot series and coordinates. */
  public CellResult withPlot(String newSeries, Map<String, Double> newCoordinates) {
    return with(metrics, newSeries, newCoordinates, pictures, predictions, provenance);
  }

  /** This result with other pictures. */
  public CellResult withPictures(List<Picture> newPictures) {
    return with(metrics, series, coordinates, newPictures, predictions, provenance);
  }

  /** This result with the per-sample predictions it was scored on. */
  public CellResult withPredictions(TestPredictions newPredictions) {
    return with(metrics, series, coordinates, pictures, newPredictions, provenance);
  }

  /** This result with the provenance of the run that produced it. */
  public CellResult withProvenance(Provenance newProvenance) {
    return with(metrics, series, coordinates, pictures, predictions, newProvenance);
  }

  /** The same training, with what the withers may change: its evaluation and its record. */
  private CellResult with(
      List<MetricResult> newMetrics,
      String newSeries,
      Map<String, Double> newCoordinates,
      List<Picture> newPictures,
      TestPredictions newPredictions,
      Provenance newProvenance) {
    return new CellResult(
        id,
        experiment,
        dataset,
        model,
        objective,
        settings,
        seed,
        status,
        message,
        trainSeconds,
        samplesPerSecond,
        epochLosses,
        newMetrics,
        newSeries,
        newCoordinates,
        newPictures,
        newPredictions,
        newProvenance);
  }

  /** The pictures as strips: consecutive pictures of the same row, under the row's caption. */
  public List<PictureRow> pictureRows() {
    List<PictureRow> rows = new ArrayList<>();
    List<Picture> strip = new ArrayList<>();
    for (Picture p : pictures) {
      if (!strip.isEmpty() && !strip.get(0).row().equals(p.row())) {
        rows.add(new PictureRow(strip.get(0).row(), strip));
        strip = new ArrayList<>();
      }
      strip.add(p);
    }
    if (!strip.isEmpty()) {
      rows.add(new PictureRow(strip.get(0).row(), strip));
    }
    return rows;
  }

  /** One strip of pictures and its caption. */
  public record PictureRow(String caption, List<Picture> pictures) {

    public PictureRow {
      pictures = List.copyOf(pictures);
    }
  }

  /**
   * Reads a result as Jackson binds the record (so a strict mapper still refuses a result that
   * lacks a field), except that a result stored before pictures, predictions or provenance existed
   * reads back with none rather than being refused: old results stay usable, e.g. for the {@code
   * report} goal.
   */
  static final class Reader extends StdDeserializer<CellResult> implements ResolvableDeserializer {

    private static final long serialVersionUID = 1L;

    private transient JsonDeserializer<Object> record;

    Reader() {
      super(CellResult.class);
    }

    @Override
    public void resolve(DeserializationContext context) throws JsonMappingException {
      // The bean deserializer Jackson would have used without this class's annotation.
      JavaType type = context.constructType(CellResult.class);
      record =
          context
              .getFactory()
              .createBeanDeserializer(context, type, context.getConfig().introspect(type));
      if (record instanceof ResolvableDeserializer resolvable) {
        resolvable.resolve(context);
      }
    }

    @Override
    public CellResult deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonNode tree = context.readTree(parser);
      if (tree instanceof ObjectNode object && !object.has("pictures")) {
        object.putArray("pictures");
      }
      if (tree instanceof ObjectNode object && !object.has("predictions")) {
        object.putNull("predictions");
      }
      if (tree instanceof ObjectNode object && !object.has("provenance")) {
        object.putNull("provenance");
      }
      try (JsonParser fields = tree.traverse(parser.getCodec())) {
        fields.nextToken();
        return (CellResult) record.deserialize(fields, context);
      }
    }
  }
}
