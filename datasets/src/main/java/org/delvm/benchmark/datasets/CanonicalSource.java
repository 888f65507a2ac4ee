package org.delvm.benchmark.datasets;

import java.util.List;
import java.util.Objects;

/**
 * Where the publisher of a data set serves it. Either one URL per file, or one zip archive whose
 * members are the data set's files (the UCR archive ships ECG5000 that way and publishes no
 * checksum for the zip, so the fetcher verifies the extracted members instead).
 *
 * @param url the http(s) URL
 * @param packaging how the URL's bytes relate to the data files
 * @param files the names of the data files this source provides
 */
public record CanonicalSource(String url, Packaging packaging, List<String> files) {

  /** How a canonical URL's bytes relate to the data files. */
  public enum Packaging {
    /** The URL serves exactly one data file, byte for byte. */
    FILE,
    /** The URL serves a zip archive; each data file is a member, matched by its base name. */
    ZIP
  }

  public CanonicalSource {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(packaging, "packaging");
    files = List.copyOf(files);
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      throw new IllegalArgumentException("Canonical sources are http(s) URLs: " + url);
    }
    if (files.isEmpty() || (packaging == Packaging.FILE && files.size() != 1)) {
      throw new IllegalArgumentException(
          url + ": a FILE source provides one file, a ZIP source at least one");
    }
  }

  /** A URL that serves one data file as it is. */
  public static CanonicalSource file(String fileName, String url) {
    return new CanonicalSource(url, Packaging.FILE, List.of(fileName));
  }

  /** A zip archive at {@code url} whose members include the named data files. */
  public static CanonicalSource zip(String url, String... members) {
    return new CanonicalSource(url, Packaging.ZIP, List.of(members));
  }

  /** Whether this source can deliver the named data file. */
  public boolean provides(String fileName) {
    return files.contains(fileName);
  }
}
