package org.delvm.benchmark.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UcrTimeSeriesReaderTest {

  @TempDir Path temp;

  private static LabelledSeries parse(String text) throws IOException {
    return UcrTimeSeriesReader.read(new ByteArrayInputStream(Fixtures.ascii(text)), "fixture.txt");
  }

  @Test
  void readsLabelsAndValuesInTheUcrLayout() throws IOException {
    Path file = temp.resolve("X_TRAIN.txt");
    Files.writeString(
        file,
        "   1.0000000e+00  -1.1252183e-01  -2.8272038e+00   5.0000000e-01\n"
            + "   3.0000000e+00   2.0000000e+00   0.0000000e+00  -1.0000000e+00\n"
            + "\n");

    LabelledSeries series = UcrTimeSeriesReader.read(file);

    assertEquals(2, series.size());
    assertEquals(3, series.length());
    assertArrayEquals(new int[] {1, 3}, series.labels());
    assertArrayEquals(new float[] {-0.11252183f, -2.8272038f, 0.5f}, series.values()[0]);
    assertEquals(file.toString(), series.source());
  }

  @Test
  void rowOfDifferentLengthNamesTheLine() {
    DatasetException e =
        assertThrows(DatasetException.class, () -> parse("1 0.1 0.2 0.3\n2 0.1 0.2\n"));
    assertEquals(
        "fixture.txt, line 2: expected 3 values like the first row, found 2", e.getMessage());
  }

  @Test
  void nonNumericFieldNamesLineAndField() {
    DatasetException e = assertThrows(DatasetException.class, () -> parse("1 0.1 abc 0.3\n"));
    assertEquals("fixture.txt, line 1: field 3 should be a number, found 'abc'", e.getMessage());
  }

  @Test
  void fractionalLabelIsRejected() {
    DatasetException e = assertThrows(DatasetException.class, () -> parse("1.5 0.1 0.2\n"));
    assertTrue(e.getMessage().contains("whole class label"), e.getMessage());
  }

  @Test
  void emptyFileIsAnError() {
    DatasetException e = assertThrows(DatasetException.class, () -> parse("\n  \n"));
    assertEquals("fixture.txt: no data rows (empty file)", e.getMessage());
  }
}
