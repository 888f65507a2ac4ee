package org.delvm.benchmark.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A canonical zip archive whose members are data files. The zip is downloaded once per fetch into a
 * temporary file (deleted by {@link #close()}), and each requested member is copied out by its base
 * name. The zip itself has no published checksum; the fetcher verifies the members.
 */
final class ZipArchiveSource implements FileSource, AutoCloseable {

  private final URI uri;
  private final Path tempFolder;
  private final HttpDownloader downloader;
  private final long maxBytes;
  private Path zip;
  private IOException downloadFailure;

  /**
   * @param membersBytes the catalogue's sizes of the data files, summed: the zip (compressed) is
   *     not much larger
   */
  ZipArchiveSource(URI uri, Path tempFolder, HttpDownloader downloader, long membersBytes) {
    this.uri = uri;
    this.tempFolder = tempFolder;
    this.downloader = downloader;
    this.maxBytes = HttpDownloader.capFor(membersBytes);
  }

  @Override
  public String description() {
    return uri.toString();
  }

  @Override
  public boolean remote() {
    return true;
  }

  @Override
  public void writeTo(DataFile file, Path target) throws IOException {
    try (ZipFile archive = new ZipFile(downloadedZip().toFile())) {
      ZipEntry member = null;
      Enumeration<? extends ZipEntry> entries = archive.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        ArchiveEntries.requireSafe(entry.getName(), uri.toString());
        String baseName = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
        if (!entry.isDirectory() && baseName.equals(file.name()) && member == null) {
          member = entry;
        }
      }
      if (member == null) {
        throw new NoSuchFileException(file.name(), null, "not a member of the zip");
      }
      try (InputStream in = archive.getInputStream(member);
          OutputStream out = Files.newOutputStream(target)) {
        // The zip's own sizes may lie (a zip bomb): stop one byte past the catalogue's size.
        long copied = in.transferTo(new BoundedOutputStream(out, file.size() + 1));
        if (copied > file.size()) {
          throw new IOException(
              "member "
                  + member.getName()
                  + " unpacks to more than the catalogue's "
                  + file.size()
                  + " bytes");
        }
      } catch (BoundedOutputStream.LimitReached e) {
        throw new IOException(
            "member "
                + member.getName()
                + " unpacks to more than the catalogue's "
                + file.size()
                + " bytes",
            e);
      }
    }
  }

  /** Downloads the zip on first use; a failed download is not repeated for the next member. */
  private Path downloadedZip() throws IOException {
    if (downloadFailure != null) {
      throw downloadFailure;
    }
    if (zip == null) {
      Path temp = Files.createTempFile(tempFolder, "archive.", ".zip.part");
      try {
        downloader.download(uri, temp, maxBytes);
        zip = temp;
      } catch (IOException e) {
        Files.deleteIfExists(temp);
        downloadFailure = e;
        throw e;
      }
    }
    return zip;
  }

  @Override
  public void close() throws IOException {
    if (zip != null) {
      Files.deleteIfExists(zip);
    }
  }
}
