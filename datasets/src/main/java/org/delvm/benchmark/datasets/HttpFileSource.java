package org.delvm.benchmark.datasets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** One URL that serves one data file as it is: a canonical URL or a file on an http mirror. */
final class HttpFileSource implements FileSource {

  private final URI uri;
  private final String description;
  private final HttpDownloader downloader;

  HttpFileSource(URI uri, String description, HttpDownloader downloader) {
    this.uri = uri;
    this.description = description;
    this.downloader = downloader;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean remote() {
    return true;
  }

  @Override
  public void writeTo(DataFile file, Path target) throws IOException {
    downloader.download(uri, target, HttpDownloader.capFor(file.size()));
  }
}
