package org.delvm.benchmark.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Copies that ship inside this jar, gzip-compressed, as classpath resources {@code
 * bundled/<dataset-id>/<file>.gz} next to this class. Only ECG5000 is small enough to bundle (3.7
 * MB compressed); it lets the ECG experiments run with no network and no mirror.
 */
final class BundledSource implements FileSource {

  private final String datasetId;

  BundledSource(String datasetId) {
    this.datasetId = datasetId;
  }

  @Override
  public String description() {
    return "bundled";
  }

  @Override
  public boolean remote() {
    return false;
  }

  @Override
  public void writeTo(DataFile file, Path target) throws IOException {
    String resource = "bundled/" + datasetId + "/" + file.name() + ".gz";
    InputStream compressed = BundledSource.class.getResourceAsStream(resource);
    if (compressed == null) {
      throw new NoSuchFileException(resource, null, "no copy in this jar");
    }
    try (compressed;
        InputStream in = new GZIPInputStream(compressed);
        OutputStream out = Files.newOutputStream(target)) {
      in.transferTo(out);
    }
  }
}
