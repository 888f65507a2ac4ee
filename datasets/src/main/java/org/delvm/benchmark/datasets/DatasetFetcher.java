package org.delvm.benchmark.datasets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Delivers a data set's files into a local cache, each one verified by size and SHA-256.
 *
 * <p>For every file the sources are tried in this order, and the first that yields the right bytes
 * wins:
 *
 * <ol>
 *   <li>the cache, {@code <cache>/<id>/<file>}, re-verified on every fetch (a corrupted copy is
 *       deleted, logged and fetched again);
 *   <li>the mirrors of the {@link FetchSettings}, in order ({@code <mirror>/<id>/<file>});
 *   <li>copies bundled in this jar (ECG5000 only);
 *   <li>the publisher's canonical URLs (not when offline).
 * </ol>
 *
 * <p>A source writes into a temporary file in the cache folder; only once that file is verified is
 * it moved into place with an atomic rename, so the cache never holds a half-written or unverified
 * file under a real name. A lock per data set serialises fetchers (threads and JVMs) that share a
 * cache: the second one waits, then finds the verified files in the cache.
 */
public final class DatasetFetcher {

  private final FetchSettings settings;
  private final DatasetCatalogue catalogue;
  private final HttpDownloader downloader;
  private final Consumer<String> log;

  /** A fetcher for the {@linkplain DatasetCatalogue#standard() standard catalogue}. */
  public DatasetFetcher(FetchSettings settings) {
    this(settings, DatasetCatalogue.standard());
  }

  public DatasetFetcher(FetchSettings settings, DatasetCatalogue catalogue) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.downloader = new HttpDownloader(settings);
    this.log = settings.log();
  }

  /**
   * Fetches the catalogue's data set {@code datasetId}.
   *
   * @throws IllegalArgumentException for an id the catalogue does not know
   * @throws DatasetException when a file cannot be obtained and verified from any source
   */
  public FetchedDataset fetch(String datasetId) {
    return fetch(catalogue.get(datasetId));
  }

  /**
   * Fetches the data set described by {@code descriptor}.
   *
   * @throws DatasetException when a file cannot be obtained and verified from any source
   */
  public FetchedDataset fetch(DatasetDescriptor descriptor) {
    Path folder = settings.cacheDirectory().resolve(descriptor.id());
    try {
      Files.createDirectories(folder);
      try (CacheLock lock =
          CacheLock.acquire(settings.cacheDirectory().resolve(descriptor.id() + ".lock"), log)) {
        deleteLeftoverTemporaryFiles(folder);
        return fetchLocked(descriptor, folder);
      }
    } catch (IOException e) {
      throw new DatasetSetupException(
          "Cannot use the cache folder "
              + folder
              + " for "
              + descriptor.id()
              + ": "
              + e
              + ". Expected a writable folder (or one that can be created). Fix its permissions or"
              + " pass -D"
              + FetchSettings.CACHE_PROPERTY
              + "=<a writable folder>.",
          e);
    }
  }

  private FetchedDataset fetchLocked(DatasetDescriptor descriptor, Path folder) throws IOException {
    List<ZipArchiveSource> archives = new ArrayList<>();
    try {
      List<FetchedDataset.FetchedFile> fetched = new ArrayList<>();
      for (DataFile file : descriptor.files()) {
        List<FileSource> sources = sourcesFor(descriptor, file, folder, archives);
        fetched.add(fetchFile(descriptor.id(), file, folder, sources));
      }
      return new FetchedDataset(descriptor.id(), folder, fetched);
    } finally {
      for (ZipArchiveSource archive : archives) {
        archive.close();
      }
    }
  }

  /**
   * The sources for one file, in the order they are tried. Zip archives are shared between the
   * files of one fetch (kept in {@code archives}) so each zip is downloaded at most once.
   */
  private List<FileSource> sourcesFor(
      DatasetDescriptor descriptor, DataFile file, Path folder, List<ZipArchiveSource> archives) {
    String id = descriptor.id();
    List<FileSource> sources = new ArrayList<>();
    for (String mirror : settings.mirrors()) {
      if (isHttp(mirror)) {
        URI uri = URI.create(stripTrailingSlash(mirror) + "/" + id + "/" + file.name());
        sources.add(new HttpFileSource(uri, "mirror " + uri, downloader));
      } else {
        sources.add(new LocalMirrorSource(Path.of(mirror), id));
      }
    }
    sources.add(new BundledSource(id));
    for (CanonicalSource canonical : descriptor.canonicalSources()) {
      if (!canonical.provides(file.name())) {
        continue;
      }
      URI uri = URI.create(canonical.url());
      if (canonical.packaging() == CanonicalSource.Packaging.FILE) {
        sources.add(new HttpFileSource(uri, canonical.url(), downloader));
      } else {
        sources.add(zipArchive(uri, folder, archives, descriptor.files()));
      }
    }
    return sources;
  }

  private ZipArchiveSource zipArchive(
      URI uri, Path folder, List<ZipArchiveSource> archives, List<DataFile> descriptorFiles) {
    for (ZipArchiveSource archive : archives) {
      if (archive.description().equals(uri.toString())) {
        return archive;
      }
    }
    long membersBytes = 0;
    for (DataFile file : descriptorFiles) {
      membersBytes += file.size();
    }
    ZipArchiveSource archive = new ZipArchiveSource(uri, folder, downloader, membersBytes);
    archives.add(archive);
    return archive;
  }

  private FetchedDataset.FetchedFile fetchFile(
      String id, DataFile file, Path folder, List<FileSource> sources) throws IOException {
    Path target = folder.resolve(file.name());
    List<String> failures = new ArrayList<>();
    if (Files.exists(target)) {
      try {
        String sha256 = Checksums.verify(target, file, "the cache");
        return new FetchedDataset.FetchedFile(file.name(), target, file.size(), sha256, "cache");
      } catch (DatasetException e) {
        log.accept("Cached file is corrupt, deleting and fetching it again: " + e.getMessage());
        Files.delete(target);
        failures.add("cache " + folder + ": corrupt copy deleted (" + e.getMessage() + ")");
      }
    } else {
      failures.add("cache " + folder + ": not present");
    }
    for (FileSource source : sources) {
      if (settings.offline() && source.remote()) {
        failures.add(source.description() + ": skipped (offline)");
        continue;
      }
      Path temp = Files.createTempFile(folder, file.name() + ".", ".part");
      try {
        source.writeTo(file, temp);
        String sha256 = Checksums.verify(temp, file, source.description());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        log.accept("Verified " + id + "/" + file.name() + " from " + source.description());
        return new FetchedDataset.FetchedFile(
            file.name(), target, file.size(), sha256, source.description());
      } catch (IOException | DatasetException e) {
        requireIntact(source, file, e);
        String reason = reason(e);
        failures.add(source.description() + ": " + reason);
        // A source that simply lacks the file is normal (most data sets are not bundled); only
        // real failures are worth a line now. All of them appear in the error if no source works.
        if (!(e instanceof NoSuchFileException)) {
          log.accept(id + "/" + file.name() + " not from " + source.description() + ": " + reason);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    throw new DatasetException(notFoundMessage(id, file, failures));
  }

  /**
   * A local source (a mirror folder, the bundled copies) that has the file but delivers other bytes
   * is tampered or damaged: an error, not a reason to try the next source and maybe skip.
   */
  private static void requireIntact(FileSource source, DataFile file, Exception e) {
    if (source.remote() || e instanceof NoSuchFileException) {
      return;
    }
    throw new DatasetSetupException(
        file.name()
            + " from "
            + source.description()
            + " is not the catalogue's file: "
            + reason(e)
            + ". Replace it with the right file (size "
            + file.size()
            + ", SHA-256 "
            + file.sha256()
            + "), or remove that source"
            + (source.description().startsWith("mirror")
                ? " from -D" + FetchSettings.MIRROR_PROPERTY
                : "")
            + ".",
        e);
  }

  private String notFoundMessage(String id, DataFile file, List<String> failures) {
    StringBuilder message = new StringBuilder();
    message.append(
        String.format(
            "Could not obtain a verified copy of %s/%s (%d bytes, SHA-256 %s). Sources tried:%n",
            id, file.name(), file.size(), file.sha256()));
    for (String failure : failures) {
      message.append("  - ").append(failure).append(System.lineSeparator());
    }
    message.append(
        String.format(
            "To fix: pass a mirror holding %s/%s, a folder or an http(s) URL, with -D%s=<mirror>",
            id, file.name(), FetchSettings.MIRROR_PROPERTY));
    if (settings.offline()) {
      message.append(", or go online (drop -D" + FetchSettings.OFFLINE_PROPERTY + ")");
    }
    return message.append('.').toString();
  }

  private static String reason(Exception e) {
    if (e instanceof NoSuchFileException missing) {
      return missing.getReason() + " (" + missing.getFile() + ")";
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  /**
   * Removes {@code *.part} files a killed fetch may have left. Safe because the caller holds the
   * data set's lock, so no other fetch is writing them.
   */
  private void deleteLeftoverTemporaryFiles(Path folder) throws IOException {
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, "*.part")) {
      for (Path part : parts) {
        log.accept("Deleting a leftover partial download: " + part);
        Files.deleteIfExists(part);
      }
    }
  }

  private static boolean isHttp(String location) {
    return location.startsWith("http://") || location.startsWith("https://");
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
