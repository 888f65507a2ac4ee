package org.delvm.benchmark.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * The results directory of a Spark run, on any file system Hadoop knows ({@code file://}, {@code
 * hdfs://}, {@code s3a://}, ...): the same {@code <plan>/<cell>.json} layout as a local results
 * directory, so that {@code -Ddelvm.gather} reads it as it reads a shard's. Each result is written
 * to a temporary file beside its final name and renamed into place: readers see a whole result or
 * none (on object stores, whose rename is a copy, the final object still appears whole).
 *
 * @param uri the results directory; a path without a scheme is a local directory
 * @param hadoop the Hadoop settings for the file system ({@code spark.hadoop.*} without the prefix)
 */
record ResultsLocation(String uri, Map<String, String> hadoop) implements Serializable {

  ResultsLocation {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException(
          "No results location: pass --results <uri>, e.g. --results hdfs:///delvm/results or"
              + " --results file:///shared/delvm-results (a directory every executor can write)");
    }
    uri = normalised(uri);
    hadoop = Map.copyOf(new TreeMap<>(hadoop));
  }

  /** A local path becomes a {@code file:} URI; a URI with a scheme stays as given. */
  private static String normalised(String uri) {
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      parsed = null; // e.g. spaces in a local path
    }
    String text =
        parsed != null && parsed.getScheme() != null && parsed.getScheme().length() > 1
            ? uri
            : Path.of(uri).toAbsolutePath().normalize().toUri().toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /** The local directory this location names, when it is a {@code file:} URI. */
  Path localDirectory() {
    return Path.of(URI.create(uri));
  }

  /** The file at {@code relative} (a {@code /}-separated path) under the location. */
  org.apache.hadoop.fs.Path path(String relative) {
    return new org.apache.hadoop.fs.Path(uri + "/" + relative);
  }

  /**
   * The location's file system. Local files skip Hadoop's {@code .crc} side files: the results stay
   * plain JSON files like those of a local run.
   */
  FileSystem fileSystem() throws IOException {
    Configuration conf = new Configuration();
    hadoop.forEach(conf::set);
    FileSystem fs = FileSystem.get(URI.create(uri), conf);
    return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
  }

  /**
   * Copies a local file to {@code relative} under the location: into a temporary file in the target
   * folder, then renamed over the target.
   */
  void upload(Path local, String relative) throws IOException {
    FileSystem fs = fileSystem();
    org.apache.hadoop.fs.Path target = path(relative);
    fs.mkdirs(target.getParent());
    org.apache.hadoop.fs.Path temp =
        new org.apache.hadoop.fs.Path(
            target.getParent(),
            target.getName()
                + "."
                + ProcessHandle.current().pid()
                + "."
                + UUID.randomUUID()
                + ".tmp");
    try {
      try (FSDataOutputStream out = fs.create(temp, false);
          InputStream in = Files.newInputStream(local)) {
        in.transferTo(out);
        out.hsync(); // on disk (HDFS: on the data nodes) before the rename makes it visible
      }
      if (!fs.rename(temp, target)) {
        // HDFS's rename does not replace: a failed or stale result is replaced here, and a reader
        // in between finds no result (the cell runs again), never a partial one.
        fs.delete(target, false);
        if (!fs.rename(temp, target)) {
          throw new IOException("cannot rename " + temp + " to " + target);
        }
      }
    } finally {
      if (fs.exists(temp)) {
        fs.delete(temp, false);
      }
    }
  }

  /**
   * Copies the stored results of folder {@code planFolder} ({@code *.json}, not temporary files)
   * into {@code localRoot/planFolder}, for the driver to check them with the engine's rules.
   *
   * @return how many files were copied
   */
  int download(String planFolder, Path localRoot) throws IOException {
    FileSystem fs = fileSystem();
    org.apache.hadoop.fs.Path folder = path(planFolder);
    Path into = Files.createDirectories(localRoot.resolve(planFolder));
    if (!fs.exists(folder)) {
      return 0;
    }
    int copied = 0;
    for (FileStatus file : fs.listStatus(folder)) {
      String name = file.getPath().getName();
      if (!file.isFile() || !name.endsWith(".json")) {
        continue;
      }
      Path temp = Files.createTempFile(into, name, ".download");
      try (InputStream in = fs.open(file.getPath());
          OutputStream out = Files.newOutputStream(temp)) {
        in.transferTo(out);
      }
      Files.move(temp, into.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      copied++;
    }
    return copied;
  }

  @Override
  public String toString() {
    return uri;
  }
}
