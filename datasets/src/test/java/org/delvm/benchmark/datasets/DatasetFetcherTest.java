package org.delvm.benchmark.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher over a two-file fixture data set "toy", from folders and a local HTTP server. */
class DatasetFetcherTest {

  private static final byte[] A = Fixtures.ascii("alpha ".repeat(2000));
  private static final byte[] B = Fixtures.ascii("beta\n".repeat(300));
  private static final DataFile FILE_A = Fixtures.dataFile("a.bin", A);
  private static final DataFile FILE_B = Fixtures.dataFile("b.txt", B);

  @TempDir Path temp;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private FixtureServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new FixtureServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private FetchSettings.Builder settings() {
    return FetchSettings.builder()
        .cacheDirectory(temp.resolve("cache"))
        .retries(2)
        .initialBackoff(Duration.ofMillis(10))
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(5))
        .log(log::add);
  }

  private static DatasetDescriptor toy(CanonicalSource... canonical) {
    return new DatasetDescriptor(
        "toy", "Toy", List.of(FILE_A, FILE_B), List.of(canonical), false, "");
  }

  private DatasetDescriptor toyServedAsFiles() {
    server.files.put("/a.bin", A);
    server.files.put("/b.txt", B);
    return toy(
        CanonicalSource.file("a.bin", server.url("/a.bin")),
        CanonicalSource.file("b.txt", server.url("/b.txt")));
  }

  /** A mirror folder {@code <temp>/<name>/toy/} holding the given files. */
  private Path mirror(String name, byte[] a, byte[] b) throws IOException {
    Path folder = Files.createDirectories(temp.resolve(name).resolve("toy"));
    if (a != null) {
      Files.write(folder.resolve("a.bin"), a);
    }
    if (b != null) {
      Files.write(folder.resolve("b.txt"), b);
    }
    return folder.getParent();
  }

  private Path cacheFolder() {
    return temp.resolve("cache").resolve("toy");
  }

  private List<String> filesInCache() throws IOException {
    if (!Files.isDirectory(cacheFolder())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cacheFolder())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void fetchesFromLocalMirrorThenFromCache() throws IOException {
    Path mirror = mirror("mirror", A, B);
    DatasetFetcher fetcher = new DatasetFetcher(settings().addMirror(mirror.toString()).build());

    FetchedDataset first = fetcher.fetch(toy());
    assertEquals("mirror " + mirror, first.files().get(0).source());
    assertArrayEquals(A, Files.readAllBytes(first.path("a.bin")));
    assertEquals(FILE_B.sha256(), first.files().get(1).sha256());

    FetchedDataset second = fetcher.fetch(toy());
    assertEquals("cache", second.files().get(0).source());
    assertEquals("cache", second.files().get(1).source());
    assertEquals(List.of("a.bin", "b.txt"), filesInCache());
  }

  @Test
  void downloadsCanonicalUrlsAndHttpMirrors() throws IOException {
    DatasetDescriptor descriptor = toyServedAsFiles();
    FetchedDataset canonical = new DatasetFetcher(settings().build()).fetch(descriptor);
    assertEquals(server.url("/a.bin"), canonical.files().get(0).source());
    assertArrayEquals(B, Files.readAllBytes(canonical.path("b.txt")));

    server.files.put("/m/toy/a.bin", A);
    server.files.put("/m/toy/b.txt", B);
    FetchSettings viaMirror =
        settings().cacheDirectory(temp.resolve("cache2")).addMirror(server.url("/m/")).build();
    FetchedDataset mirrored = new DatasetFetcher(viaMirror).fetch(descriptor);
    assertEquals("mirror " + server.url("/m/toy/a.bin"), mirrored.files().get(0).source());
  }

  @Test
  void largeDownloadsLogProgressWithRate() {
    byte[] large = new byte[3_000_000];
    new Random(1).nextBytes(large);
    server.files.put("/large.bin", large);
    DataFile file = Fixtures.dataFile("large.bin", large);
    DatasetDescriptor descriptor =
        new DatasetDescriptor(
            "large",
            "Large",
            List.of(file),
            List.of(CanonicalSource.file("large.bin", server.url("/large.bin"))),
            false,
            "");

    new DatasetFetcher(settings().build()).fetch(descriptor);

    assertTrue(
        log.stream().anyMatch(line -> line.contains("3.0 MB (100%)") && line.endsWith("MB/s")),
        log::toString);
  }

  @Test
  void extractsMembersOfACanonicalZipDownloadedOnce() throws IOException {
    server.files.put("/toy.zip", Fixtures.zip(Fixtures.entries("toy/a.bin", A, "b.txt", B)));
    DatasetDescriptor descriptor =
        toy(CanonicalSource.zip(server.url("/toy.zip"), "a.bin", "b.txt"));

    FetchedDataset fetched = new DatasetFetcher(settings().build()).fetch(descriptor);

    assertArrayEquals(A, Files.readAllBytes(fetched.path("a.bin")));
    assertArrayEquals(B, Files.readAllBytes(fetched.path("b.txt")));
    assertEquals(1, server.requests.get());
    assertEquals(List.of("a.bin", "b.txt"), filesInCache(), "the zip itself is not kept");
  }

  @Test
  void rejectsZipEntriesThatEscapeTheFolder() throws IOException {
    server.files.put("/toy.zip", Fixtures.zip(Fixtures.entries("../a.bin", A, "b.txt", B)));
    DatasetDescriptor descriptor =
        toy(CanonicalSource.zip(server.url("/toy.zip"), "a.bin", "b.txt"));

    DatasetException e =
        assertThrows(
            DatasetException.class, () -> new DatasetFetcher(settings().build()).fetch(descriptor));

    assertTrue(e.getMessage().contains("Unsafe entry '../a.bin'"), e.getMessage());
    assertEquals(List.of(), filesInCache());
  }

  @Test
  void checksumMismatchIsReportedAndNothingIsCached() throws IOException {
    byte[] tampered = A.clone();
    tampered[0] = 'A';
    Path mirror = mirror("bad-mirror", tampered, B);

    // A local mirror that delivers other bytes is tampered: an error, not a skip to the next
    // source.
    DatasetException e =
        assertThrows(
            DatasetSetupException.class,
            () -> new DatasetFetcher(settings().addMirror(mirror.toString()).build()).fetch(toy()));

    assertTrue(e.getMessage().contains("a.bin from mirror " + mirror), e.getMessage());
    assertTrue(e.getMessage().contains("Replace it with the right file"), e.getMessage());
    assertTrue(e.getMessage().contains("expected " + FILE_A.sha256()), e.getMessage());
    assertTrue(e.getMessage().contains("actual " + Fixtures.sha256(tampered)), e.getMessage());
    assertEquals(List.of(), filesInCache());
  }

  @Test
  void anUnusableCacheFolderIsASetupErrorNamingIt() throws IOException {
    Path regularFile = Files.writeString(temp.resolve("a-file"), "not a folder");
    Path cache = regularFile.resolve("cache");

    DatasetException e =
        assertThrows(
            DatasetSetupException.class,
            () -> new DatasetFetcher(settings().cacheDirectory(cache).build()).fetch(toy()));

    assertTrue(e.getMessage().contains("Cannot use the cache folder " + cache), e.getMessage());
    assertTrue(e.getMessage().contains("-Ddelvm.cache=<a writable folder>"), e.getMessage());
  }

  @Test
  void aStalledBodyFailsAfterTheReadTimeoutAndReleasesTheLock() throws IOException {
    DatasetDescriptor descriptor = toyServedAsFiles();
    server.stallMillis = 60_000;
    FetchSettings settings = settings().retries(1).readTimeout(Duration.ofMillis(300)).build();

    DatasetException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () ->
                assertThrows(
                    DatasetException.class, () -> new DatasetFetcher(settings).fetch(descriptor)));

    assertTrue(e.getMessage().contains("the download stalled"), e.getMessage());
    assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt is cleared");
    server.stallMillis = 0;
    FetchedDataset fetched =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> new DatasetFetcher(settings).fetch(descriptor));
    assertArrayEquals(A, Files.readAllBytes(fetched.path("a.bin")));
  }

  @Test
  void aBodyFarLargerThanTheCatalogueSaysIsRefusedWithoutRetry() throws IOException {
    DatasetDescriptor descriptor = toyServedAsFiles();
    server.files.put("/a.bin", new byte[5_000_000]);

    DatasetException e =
        assertThrows(
            DatasetException.class, () -> new DatasetFetcher(settings().build()).fetch(descriptor));

    assertTrue(e.getMessage().contains("too large: 5000000 bytes announced"), e.getMessage());
    assertEquals(1, server.requests.get(), "not retried");
    assertEquals(List.of(), filesInCache());
  }

  @Test
  void aZipMemberThatUnpacksBeyondItsSizeIsRefused() throws IOException {
    // 50 MB of zeros compress to about 50 kB: the zip passes the download cap, its member does not.
    byte[] bomb = new byte[50_000_000];
    server.files.put("/toy.zip", Fixtures.zip(Fixtures.entries("a.bin", bomb, "b.txt", B)));
    DatasetDescriptor descriptor =
        toy(CanonicalSource.zip(server.url("/toy.zip"), "a.bin", "b.txt"));

    DatasetException e =
        assertThrows(
            DatasetException.class, () -> new DatasetFetcher(settings().build()).fetch(descriptor));

    assertTrue(
        e.getMessage().contains("unpacks to more than the catalogue's " + A.length),
        e.getMessage());
    assertEquals(List.of(), filesInCache());
  }

  @Test
  void bodyShorterThanContentLengthIsRejectedAfterRetries() throws IOException {
    DatasetDescriptor descriptor = toyServedAsFiles();
    server.cutBodiesShort = true;

    DatasetException e =
        assertThrows(
            DatasetException.class, () -> new DatasetFetcher(settings().build()).fetch(descriptor));

    assertTrue(e.getMessage().contains(server.url("/a.bin") + ": "), e.getMessage());
    assertEquals(3, server.requests.get(), "one attempt and two retries");
    assertEquals(List.of(), filesInCache());
  }

  @Test
  void fileShorterThanTheDescriptorSaysIsTruncated() throws IOException {
    DatasetDescriptor descriptor = toyServedAsFiles();
    server.files.put("/a.bin", Arrays.copyOf(A, A.length - 100));

    DatasetException e =
        assertThrows(
            DatasetException.class, () -> new DatasetFetcher(settings().build()).fetch(descriptor));

    String expected = "truncated: expected " + A.length + " bytes, received " + (A.length - 100);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertEquals(List.of(), filesInCache());
  }

  @Test
  void fileMissingEverywhereListsEverySourceAndTheFix() throws IOException {
    Path emptyMirror = mirror("empty-mirror", null, null);
    DatasetDescriptor descriptor = toy(CanonicalSource.file("a.bin", server.url("/nowhere")));

    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                new DatasetFetcher(settings().addMirror(emptyMirror.toString()).build())
                    .fetch(descriptor));

    String message = e.getMessage();
    assertTrue(message.contains("toy/a.bin"), message);
    assertTrue(message.contains("cache " + cacheFolder() + ": not present"), message);
    assertTrue(message.contains("mirror " + emptyMirror + ": no such file"), message);
    assertTrue(message.contains("bundled: no copy in this jar"), message);
    assertTrue(message.contains(server.url("/nowhere") + ": HTTP status 404"), message);
    assertTrue(message.contains("-Ddelvm.mirror="), message);
  }

  @Test
  void retriesAfterServiceUnavailable() throws IOException {
    DatasetDescriptor descriptor = toyServedAsFiles();
    server.unavailableAnswers.set(1);

    FetchedDataset fetched = new DatasetFetcher(settings().build()).fetch(descriptor);

    assertEquals(server.url("/a.bin"), fetched.files().get(0).source());
    assertEquals(3, server.requests.get(), "503, then a.bin, then b.txt");
    assertTrue(
        log.stream().anyMatch(line -> line.contains("(HTTP status 503); retrying")), log::toString);
  }

  @Test
  void offlineModeNeverUsesHttp() throws IOException {
    DatasetDescriptor descriptor = toyServedAsFiles();
    FetchSettings offline = settings().offline(true).addMirror(server.url("/m")).build();

    DatasetException e =
        assertThrows(DatasetException.class, () -> new DatasetFetcher(offline).fetch(descriptor));

    assertEquals(0, server.requests.get());
    assertTrue(
        e.getMessage().contains(server.url("/a.bin") + ": skipped (offline)"), e.getMessage());
    assertTrue(e.getMessage().contains("go online"), e.getMessage());

    Path mirror = mirror("mirror", A, B);
    FetchSettings offlineWithFolder = settings().offline(true).addMirror(mirror.toString()).build();
    assertEquals(
        "mirror " + mirror,
        new DatasetFetcher(offlineWithFolder).fetch(descriptor).files().get(0).source());
  }

  @Test
  void corruptedCachedFileIsDetectedAndFetchedAgain() throws IOException {
    Path mirror = mirror("mirror", A, B);
    DatasetFetcher fetcher = new DatasetFetcher(settings().addMirror(mirror.toString()).build());
    Path cached = fetcher.fetch(toy()).path("a.bin");
    Files.write(cached, Fixtures.ascii("garbage"));

    FetchedDataset again = fetcher.fetch(toy());

    assertEquals("mirror " + mirror, again.files().get(0).source());
    assertEquals("cache", again.files().get(1).source());
    assertArrayEquals(A, Files.readAllBytes(cached));
    assertTrue(
        log.stream().anyMatch(line -> line.startsWith("Cached file is corrupt")), log::toString);
  }

  @Test
  void leftoverPartialDownloadsAreRemoved() throws IOException {
    Files.createDirectories(cacheFolder());
    Files.write(cacheFolder().resolve("a.bin.123.part"), Fixtures.ascii("half"));
    Path mirror = mirror("mirror", A, B);

    new DatasetFetcher(settings().addMirror(mirror.toString()).build()).fetch(toy());

    assertEquals(List.of("a.bin", "b.txt"), filesInCache());
  }

  @Test
  void concurrentFetchesIntoOneCacheBothSucceed() throws Exception {
    DatasetDescriptor descriptor = toyServedAsFiles();
    server.delayMillis = 200;
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      // Separate fetchers, as two JVMs would have; they share only the cache folder.
      Future<FetchedDataset> first =
          threads.submit(() -> new DatasetFetcher(settings().build()).fetch(descriptor));
      Future<FetchedDataset> second =
          threads.submit(() -> new DatasetFetcher(settings().build()).fetch(descriptor));
      FetchedDataset one = first.get();
      FetchedDataset two = second.get();

      assertEquals(2, server.requests.get(), "each file downloaded once; the other fetch waited");
      long fromCache =
          Stream.of(one, two)
              .flatMap(d -> d.files().stream())
              .filter(f -> f.source().equals("cache"))
              .count();
      assertEquals(2, fromCache);
      assertEquals(List.of("a.bin", "b.txt"), filesInCache());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void unknownIdNamesTheValidIds() {
    DatasetFetcher fetcher = new DatasetFetcher(settings().build());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fetcher.fetch("mnist"));
    assertTrue(e.getMessage().contains("'mnist'"), e.getMessage());
    assertTrue(e.getMessage().contains("ecg5000"), e.getMessage());
  }
}
