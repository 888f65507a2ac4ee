package org.delvm.benchmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CellResultTest {

  /** As strict as the plugin's result store. */
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** A real size x size grayscale PNG whose pixel values are {@code shade}. */
  static Picture picture(String row, String caption, int size, int shade) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        image.getRaster().setSample(x, y, 0, shade);
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Picture.png(row, caption, size, size, png.toByteArray());
  }

  static CellResult cell(List<Picture> pictures) {
    return new CellResult(
            "fig1",
            "Fig. 1",
            "fashion-mnist",
            "DELVM (CNN)",
            "sm",
            Map.of("filters", "[4]"),
            1L,
            CellStatus.COMPLETED,
            "",
            1.5,
            200.0,
            List.of(1.0, Double.NaN),
            List.of(new MetricResult("accuracy", 80.0, 83.5, "%")),
            "SM-DELVM",
            Map.of("filters", 4.0))
        .withPictures(pictures);
  }

  @Test
  void theOldConstructorHasNoPicturesAndEveryWitherKeepsThem() {
    List<Picture> pictures = List.of(picture("test images", "Sneaker", 4, 200));
    CellResult plain = cell(List.of());
    assertEquals(List.of(), plain.pictures());

    CellResult withPictures = plain.withPictures(pictures);
    assertEquals(pictures, withPictures.pictures());
    assertEquals(pictures, withPictures.withMetrics(List.of()).pictures());
    assertEquals(pictures, withPictures.withPlot("s", Map.of("x", 1.0)).pictures());
    assertEquals(plain, withPictures.withPictures(List.of()));
    assertEquals(List.of(), withPictures.withPictures(null).pictures());
  }

  @Test
  void picturesFormStripsOfConsecutivePicturesOfOneRow() {
    List<Picture> pictures = new ArrayList<>();
    pictures.add(picture("test images", "a", 4, 0));
    pictures.add(picture("test images", "b", 4, 0));
    pictures.add(picture("reconstructions", "a", 4, 0));
    pictures.add(picture("samples", "1", 4, 0));
    List<CellResult.PictureRow> rows = cell(pictures).pictureRows();

    assertEquals(
        List.of("test images", "reconstructions", "samples"),
        rows.stream().map(CellResult.PictureRow::caption).toList());
    assertEquals(pictures.subList(0, 2), rows.get(0).pictures());
    assertEquals(List.of(), cell(List.of()).pictureRows());
  }

  @Test
  void picturesRoundTripThroughStrictJsonAsBase64Pngs() throws Exception {
    CellResult written = cell(List.of(picture("test images", "<b>Sneaker</b>", 8, 100)));
    String json = STRICT.writeValueAsString(written);

    assertEquals(written, STRICT.readValue(json, CellResult.class));
    JsonNode picture = STRICT.readTree(json).get("pictures").get(0);
    assertEquals(
        List.of("row", "caption", "width", "height", "pngBase64"),
        iterable(picture.fieldNames()),
        "no derived fields (dataUri, displayScale) in the JSON");
    assertTrue(picture.get("pngBase64").asText().startsWith("iVBORw0KGgo"), "a PNG");
    assertFalse(STRICT.readTree(json).has("pictureRows"));
  }

  @Test
  void aResultStoredBeforePicturesExistedReadsBackWithNoneButOtherFieldsStayRequired()
      throws Exception {
    ObjectNode old = (ObjectNode) STRICT.valueToTree(cell(List.of()));
    old.remove("pictures");

    assertEquals(cell(List.of()), STRICT.treeToValue(old, CellResult.class));

    old.remove("series");
    MismatchedInputException e =
        assertThrows(
            MismatchedInputException.class, () -> STRICT.treeToValue(old, CellResult.class));
    assertTrue(e.getMessage().contains("'series'"), e.getMessage());
  }

  @Test
  void onlyBase64PngsArePictures() {
    Picture good = picture("r", "c", 2, 0);
    assertEquals("data:image/png;base64," + good.pngBase64(), good.dataUri());
    assertEquals(32, good.displayScale());
    assertEquals(2, picture("r", "c", 32, 0).displayScale());
    assertEquals(1, picture("r", "c", 65, 0).displayScale());

    assertThrows(IllegalArgumentException.class, () -> new Picture("r", "c", 2, 2, "\"><script>"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Picture("r", "c", 2, 2, "R0lGODlhAQABAAAAACw="),
        "a GIF is not a PNG");
    assertThrows(
        IllegalArgumentException.class, () -> new Picture("r", "c", 0, 2, good.pngBase64()));
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
