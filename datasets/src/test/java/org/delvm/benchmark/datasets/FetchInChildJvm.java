package org.delvm.benchmark.datasets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * The child JVM of {@link SharedCacheAcrossProcessesTest}: one "build" fetching the fixture data
 * set {@value #ID} from a {@link FixtureServer} into a shared cache.
 *
 * <p>Arguments: the cache folder and the server's base URL. Protocol on stdout, one line each,
 * fields separated by tabs: {@code ready} once everything is loaded (the child then waits for a
 * line on stdin, so that both children start fetching at the same moment), {@code log <line>} for
 * each line the fetcher logs, and after the fetch {@code file <name> <size> <sha256 returned by the
 * fetcher> <sha256 of the bytes now on disk> <source>} per file, then {@code done}. Any failure
 * escapes {@code main}, which makes the exit status non-zero.
 */
final class FetchInChildJvm {

  static final String ID = "shared-toy";

  /** The fixture files: random bytes, large enough to need several reads of the body. */
  static final byte[] A = randomBytes(1, 300_000);

  static final byte[] B = Fixtures.ascii("beta\n".repeat(5_000));

  private FetchInChildJvm() {}

  /** The data set, served file by file by the server at {@code baseUrl}. */
  static DatasetDescriptor descriptor(String baseUrl) {
    return new DatasetDescriptor(
        ID,
        "Two files fetched by two JVMs at once",
        List.of(Fixtures.dataFile("a.bin", A), Fixtures.dataFile("b.txt", B)),
        List.of(
            CanonicalSource.file("a.bin", baseUrl + "/a.bin"),
            CanonicalSource.file("b.txt", baseUrl + "/b.txt")),
        false,
        "");
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: FetchInChildJvm <cache folder> <base URL>");
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    FetchSettings settings =
        FetchSettings.builder()
            .cacheDirectory(Path.of(args[0]))
            .retries(0) // a retry would show up as an extra request and hide what happened
            .connectTimeout(Duration.ofSeconds(5))
            .requestTimeout(Duration.ofSeconds(20))
            .log(line -> out.println("log\t" + line))
            .build();
    DatasetDescriptor descriptor = descriptor(args[1]);
    DatasetFetcher fetcher = new DatasetFetcher(settings);
    // Load the checksum code before the start signal, so neither child lags on class loading.
    Fixtures.sha256(B);

    out.println("ready");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"go".equals(in.readLine())) {
      throw new IllegalStateException("expected 'go' on stdin");
    }

    FetchedDataset fetched = fetcher.fetch(descriptor);
    for (FetchedDataset.FetchedFile file : fetched.files()) {
      String onDisk = Fixtures.sha256(Files.readAllBytes(file.path()));
      out.println(
          String.join(
              "\t",
              "file",
              file.name(),
              Long.toString(file.size()),
              file.sha256(),
              onDisk,
              file.source()));
    }
    out.println("done");
  }

  private static byte[] randomBytes(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
