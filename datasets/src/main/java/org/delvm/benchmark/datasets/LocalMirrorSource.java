package org.delvm.benchmark.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A mirror folder laid out as {@code <root>/<dataset-id>/<file>}. */
final class LocalMirrorSource implements FileSource {

  private final Path datasetFolder;
  private final String description;

  LocalMirrorSource(Path root, String datasetId) {
    this.datasetFolder = root.resolve(datasetId);
    this.description = "mirror " + root;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean remote() {
    return false;
  }

  @Override
  public void writeTo(DataFile file, Path target) throws IOException {
    Path path = datasetFolder.resolve(file.name());
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file");
    }
    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
  }
}
