package org.delvm.benchmark.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link DatasetFetcher} looks for data: the cache folder, the mirrors to try, whether the
 * network may be used, and how patient HTTP downloads are. Immutable; build one with {@link
 * #builder()}.
 *
 * <p>A mirror is either an http(s) URL or a local folder, laid out like the canonical mirror:
 * {@code <mirror>/<dataset-id>/<file>}.
 */
public final class FetchSettings {

  /** System property with mirrors, comma-separated, tried in order. */
  public static final String MIRROR_PROPERTY = "delvm.mirror";

  /** System property with the cache folder. */
  public static final String CACHE_PROPERTY = "delvm.cache";

  /** System property; {@code true} forbids network access. */
  public static final String OFFLINE_PROPERTY = "delvm.offline";

  private final Path cacheDirectory;
  private final List<String> mirrors;
  private final boolean offline;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration readTimeout;
  private final int retries;
  private final Duration initialBackoff;
  private final Consumer<String> log;

  private FetchSettings(Builder builder) {
    this.cacheDirectory = builder.cacheDirectory;
    this.mirrors = List.copyOf(builder.mirrors);
    this.offline = builder.offline;
    this.connectTimeout = builder.connectTimeout;
    this.requestTimeout = builder.requestTimeout;
    this.readTimeout = builder.readTimeout;
    this.retries = builder.retries;
    this.initialBackoff = builder.initialBackoff;
    this.log = builder.log;
  }

  /** A builder with the defaults: user cache folder, no mirrors, online, logging to stderr. */
  public static Builder builder() {
    return new Builder();
  }

  /** Where verified files are kept: {@code <cacheDirectory>/<dataset-id>/<file>}. */
  public Path cacheDirectory() {
    return cacheDirectory;
  }

  /** Mirrors (http(s) URLs or local folders), tried in this order after the cache. */
  public List<String> mirrors() {
    return mirrors;
  }

  /** When true only the cache, local mirrors and bundled copies are used; nothing over HTTP. */
  public boolean offline() {
    return offline;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long to wait for the response headers of one HTTP request. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * How long a download may go without receiving a byte before it is abandoned (and retried): a
   * stalled body must not hold the cache lock for ever.
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** How many times a failed HTTP request (IO error or 5xx) is repeated. */
  public int retries() {
    return retries;
  }

  /** The wait before the first retry; it doubles with each further retry. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** Receives progress and warning lines. */
  public Consumer<String> log() {
    return log;
  }

  /** Builds {@link FetchSettings}; every setter returns the builder. */
  public static final class Builder {
    private Path cacheDirectory =
        Path.of(System.getProperty("user.home"), ".cache", "delvm-benchmark", "datasets");
    private final List<String> mirrors = new ArrayList<>();
    private boolean offline;
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ofMinutes(2);
    private Duration readTimeout = Duration.ofMinutes(1);
    private int retries = 3;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Consumer<String> log = System.err::println;

    private Builder() {}

    public Builder cacheDirectory(Path directory) {
      this.cacheDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Appends a mirror: an http(s) URL or a local folder path. */
    public Builder addMirror(String mirror) {
      if (mirror == null || mirror.isBlank()) {
        throw new IllegalArgumentException("A mirror is a URL or a folder, not blank");
      }
      String location = mirror.strip();
      boolean url = location.startsWith("http://") || location.startsWith("https://");
      // A mistyped folder would otherwise be skipped silently whenever the cache is warm.
      if (!url && !Files.isDirectory(Path.of(location))) {
        throw new IllegalArgumentException(
            "Mirror '"
                + location
                + "' is neither an http(s) URL nor an existing folder (resolved to "
                + Path.of(location).toAbsolutePath()
                + "). Fix -D"
                + MIRROR_PROPERTY
                + "=<url or folder laid out as <mirror>/<dataset-id>/<file>>.");
      }
      mirrors.add(location);
      return this;
    }

    public Builder offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requirePositive(timeout, "connect timeout");
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = requirePositive(timeout, "request timeout");
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = requirePositive(timeout, "read timeout");
      return this;
    }

    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must be >= 0: " + retries);
      }
      this.retries = retries;
      return this;
    }

    public Builder initialBackoff(Duration backoff) {
      if (backoff.isNegative()) {
        throw new IllegalArgumentException("backoff must not be negative: " + backoff);
      }
      this.initialBackoff = backoff;
      return this;
    }

    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    public FetchSettings build() {
      return new FetchSettings(this);
    }

    private static Duration requirePositive(Duration duration, String what) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + duration);
      }
      return duration;
    }
  }
}
