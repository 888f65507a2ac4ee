package org.delvm.benchmark.datasets;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the fetcher needs to know about one data set: its files with their checksums and where
 * the publisher serves them.
 *
 * @param id short identifier, also the folder name in mirrors and in the cache
 * @param title human-readable name for reports
 * @param files the files, each verified by size and SHA-256
 * @param canonicalSources the publisher's URLs; empty when the data set exists only on mirrors
 * @param lossy whether this is a degraded copy of the original data (results on it must say so)
 * @param note why the copy is lossy, or any other caveat for reports; empty when none
 */
public record DatasetDescriptor(
    String id,
    String title,
    List<DataFile> files,
    List<CanonicalSource> canonicalSources,
    boolean lossy,
    String note) {

  public DatasetDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    files = List.copyOf(files);
    canonicalSources = List.copyOf(canonicalSources);
    note = note == null ? "" : note;
    if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
      throw new IllegalArgumentException(
          "A data set id is lower-case letters, digits, . _ -: " + id);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(id + ": a data set has at least one file");
    }
    Set<String> names = new HashSet<>();
    for (DataFile file : files) {
      if (!names.add(file.name())) {
        throw new IllegalArgumentException(id + ": file listed twice: " + file.name());
      }
    }
    for (CanonicalSource source : canonicalSources) {
      if (!names.containsAll(source.files())) {
        throw new IllegalArgumentException(
            id + ": canonical source " + source.url() + " names files not in the data set");
      }
    }
    if (lossy && note.isBlank()) {
      throw new IllegalArgumentException(id + ": a lossy data set needs a note saying why");
    }
  }

  /** The file with this name; {@link IllegalArgumentException} when there is none. */
  public DataFile file(String name) {
    return files.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(id + " has no file " + name));
  }
}
