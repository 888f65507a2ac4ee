package org.delvm.benchmark.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetCatalogueTest {

  private final DatasetCatalogue catalogue = DatasetCatalogue.standard();

  @Test
  void listsThePapersDataSets() {
    assertEquals(List.of("ecg5000", "fashion-mnist", "cifar10", "cifar10-jpeg"), catalogue.ids());
  }

  @Test
  void ecg5000IsTwoTextFilesFromTheUcrZip() {
    DatasetDescriptor ecg = catalogue.get("ecg5000");
    assertEquals(1_128_500, ecg.file("ECG5000_TRAIN.txt").size());
    assertNull(ecg.file("ECG5000_TEST.txt").md5());
    CanonicalSource zip = ecg.canonicalSources().get(0);
    assertEquals(CanonicalSource.Packaging.ZIP, zip.packaging());
    assertTrue(zip.provides("ECG5000_TRAIN.txt") && zip.provides("ECG5000_TEST.txt"));
  }

  @Test
  void fashionMnistHasPublisherMd5sAndTwoUrlsPerFile() {
    DatasetDescriptor fashion = catalogue.get("fashion-mnist");
    assertEquals(4, fashion.files().size());
    assertEquals(
        "8d4fb7e6c68d591d4c3dfef9ec88bf0d", fashion.file("train-images-idx3-ubyte.gz").md5());
    assertEquals(8, fashion.canonicalSources().size());
  }

  @Test
  void jpegCopyIsMarkedLossyAndHasNoCanonicalSource() {
    DatasetDescriptor jpeg = catalogue.get("cifar10-jpeg");
    assertTrue(jpeg.lossy());
    assertTrue(jpeg.note().contains("quality 75"));
    assertTrue(jpeg.canonicalSources().isEmpty());
    assertFalse(catalogue.get("cifar10").lossy());
  }

  @Test
  void unknownIdNamesItAndTheValidIds() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> catalogue.get("ecg500"));
    assertTrue(e.getMessage().contains("'ecg500'"), e.getMessage());
    assertTrue(
        e.getMessage().contains("[ecg5000, fashion-mnist, cifar10, cifar10-jpeg]"), e.getMessage());
  }
}
