package org.delvm.benchmark.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Downloads one URL to a file with {@link HttpClient}: follows redirects, retries IO errors and 5xx
 * answers with exponential backoff, rejects a body shorter than its Content-Length, and logs
 * progress for large downloads.
 */
final class HttpDownloader {

  /** Progress lines are only worth it for downloads above this size. */
  private static final long PROGRESS_MIN_BYTES = 1 << 20;

  private static final long PROGRESS_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

  /** Interrupts downloads whose body stalls; one daemon thread for every download. */
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "delvm-download-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final HttpClient client;
  private final FetchSettings settings;

  HttpDownloader(FetchSettings settings) {
    this.settings = settings;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /**
   * The most bytes to accept for a file of {@code expectedBytes}: a little more, so that the
   * checksum (not the cap) reports a file that is only slightly off.
   */
  static long capFor(long expectedBytes) {
    return expectedBytes + Math.max(1 << 16, expectedBytes / 100);
  }

  /**
   * Writes the body of {@code uri} to {@code target}, replacing its contents; fails when it holds
   * more than {@code maxBytes}, or when no byte arrives for the read timeout.
   */
  void download(URI uri, Path target, long maxBytes) throws IOException {
    Duration backoff = settings.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        downloadOnce(uri, target, maxBytes);
        return;
      } catch (IOException e) {
        boolean clientError = e instanceof HttpStatusException s && s.status < 500;
        if (clientError || e instanceof TooLargeException || attempt > settings.retries()) {
          throw e;
        }
        settings
            .log()
            .accept(
                String.format(
                    "%s: attempt %d failed (%s); retrying in %d ms",
                    uri, attempt, e.getMessage(), backoff.toMillis()));
        sleep(backoff);
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  private void downloadOnce(URI uri, Path target, long maxBytes) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while requesting " + uri);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new HttpStatusException(response.statusCode());
      }
      long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (expected > maxBytes) {
        throw new TooLargeException(expected + " bytes announced", maxBytes);
      }
      long received = copy(body, target, uri, expected, maxBytes);
      if (expected >= 0 && received != expected) {
        throw new IOException(
            "truncated download: expected " + expected + " bytes, received " + received);
      }
    }
  }

  private long copy(InputStream body, Path target, URI uri, long expected, long maxBytes)
      throws IOException {
    settings.log().accept("Downloading " + uri + (expected >= 0 ? " (" + mb(expected) + ")" : ""));
    Progress progress = new Progress(uri, expected);
    long received = 0;
    StallGuard guard = new StallGuard(Thread.currentThread());
    try (OutputStream out = Files.newOutputStream(target)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = guard.read(body, buffer)) >= 0; ) {
        received += n;
        if (received > maxBytes) {
          throw new TooLargeException("more received", maxBytes);
        }
        out.write(buffer, 0, n);
        progress.update(received);
      }
    } catch (IOException e) {
      if (guard.fired()) {
        throw new IOException(
            "no data for "
                + settings.readTimeout().toSeconds()
                + " s after "
                + received
                + " bytes: the download stalled",
            e);
      }
      throw e;
    } finally {
      guard.close();
    }
    return received;
  }

  /**
   * Interrupts the reading thread when one read waits longer than the read timeout: the body stream
   * of {@link HttpClient} has no timeout of its own, and its blocked read ends on interrupt.
   */
  private final class StallGuard implements AutoCloseable {
    private final Thread reader;
    private volatile boolean fired;
    private ScheduledFuture<?> alarm;

    StallGuard(Thread reader) {
      this.reader = reader;
    }

    int read(InputStream in, byte[] buffer) throws IOException {
      alarm =
          WATCHDOG.schedule(
              () -> {
                fired = true;
                reader.interrupt();
                try {
                  in.close(); // cancels the body's subscription, which ends a blocked read
                } catch (IOException ignored) {
                  // The interrupt is the other way out.
                }
              },
              settings.readTimeout().toMillis(),
              TimeUnit.MILLISECONDS);
      try {
        return in.read(buffer);
      } finally {
        alarm.cancel(false);
      }
    }

    boolean fired() {
      return fired;
    }

    /** Clears an interrupt this guard caused, so it does not leak into the caller. */
    @Override
    public void close() {
      if (alarm != null) {
        alarm.cancel(false);
      }
      if (fired) {
        Thread.interrupted();
      }
    }
  }

  private static void sleep(Duration duration) throws InterruptedIOException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting to retry");
    }
  }

  private static String mb(long bytes) {
    return bytes < 100_000 ? bytes + " bytes" : String.format("%.1f MB", bytes / 1e6);
  }

  /** A body larger than the catalogue allows: final, a retry would get the same. */
  private static final class TooLargeException extends IOException {
    TooLargeException(String what, long maxBytes) {
      super(
          "too large: "
              + what
              + ", but the catalogue's file allows at most "
              + maxBytes
              + " bytes; the source serves something else");
    }
  }

  /** A non-200 answer; 4xx is final, 5xx is worth a retry. */
  private static final class HttpStatusException extends IOException {
    final int status;

    HttpStatusException(int status) {
      super("HTTP status " + status);
      this.status = status;
    }
  }

  /** Logs a line every 10% of a known size or every 5 seconds, with bytes and rate. */
  private final class Progress {
    private final URI uri;
    private final long expected;
    private final long start = System.nanoTime();
    private long lastLine = start;
    private long nextStep;

    Progress(URI uri, long expected) {
      this.uri = uri;
      this.expected = expected;
      this.nextStep = expected / 10;
    }

    void update(long received) {
      if (expected >= 0 && expected < PROGRESS_MIN_BYTES) {
        return;
      }
      long now = System.nanoTime();
      boolean stepReached = expected > 0 && received >= nextStep;
      if (!stepReached && now - lastLine < PROGRESS_INTERVAL_NANOS) {
        return;
      }
      double seconds = Math.max(1e-3, (now - start) / 1e9);
      String rate = mb((long) (received / seconds)) + "/s";
      String line =
          expected > 0
              ? String.format(
                  "%s: %s of %s (%d%%), %s",
                  uri, mb(received), mb(expected), received * 100 / expected, rate)
              : String.format("%s: %s, %s", uri, mb(received), rate);
      settings.log().accept(line);
      lastLine = now;
      while (expected > 0 && nextStep <= received) {
        nextStep += expected / 10;
      }
    }
  }
}
