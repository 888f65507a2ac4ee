package org.delvm.benchmark.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds, as two JVM processes, fetch the same data set into one cache at the same moment.
 *
 * <p>The in-JVM test {@code DatasetFetcherTest.concurrentFetchesIntoOneCacheBothSucceed} only
 * exercises the thread lock of {@link CacheLock}; here only the file lock can keep the two apart.
 * The server delays every answer, so the first fetch holds the lock for well over a second; the
 * second must wait for it and then find both files verified in the cache. Without working locking
 * both children download both files (four requests instead of two) and neither waits.
 */
class SharedCacheAcrossProcessesTest {

  /** Delay of every server answer: the lock holder needs two answers, so it holds it this x 2. */
  private static final long SERVER_DELAY_MILLIS = 600;

  private static final long CHILD_TIMEOUT_SECONDS = 30;

  @TempDir Path temp;

  @Test
  @Timeout(90)
  void twoJvmsFetchingIntoOneCacheAtOnceBothSucceedAndTheCacheStaysIntact() throws Exception {
    Path cache = temp.resolve("cache");
    Map<String, byte[]> expected = Map.of("a.bin", FetchInChildJvm.A, "b.txt", FetchInChildJvm.B);
    List<Child> children = new ArrayList<>();
    try (FixtureServer server = new FixtureServer()) {
      server.files.put("/a.bin", FetchInChildJvm.A);
      server.files.put("/b.txt", FetchInChildJvm.B);
      server.delayMillis = SERVER_DELAY_MILLIS;
      String baseUrl = server.url("");
      try {
        children.add(Child.start("first", cache, baseUrl));
        children.add(Child.start("second", cache, baseUrl));
        for (Child child : children) {
          child.awaitReady();
        }
        for (Child child : children) {
          child.go();
        }
        for (Child child : children) {
          child.awaitExit();
        }
      } finally {
        children.forEach(Child::kill);
      }

      for (Child child : children) {
        assertEquals(0, child.exitCode, child.name + " failed:\n" + child.output());
        assertTrue(child.lines.contains("done"), child.output());
      }
      String outputs = children.get(0).output() + "\n" + children.get(1).output();
      assertEquals(
          2,
          server.requests.get(),
          "each file must be downloaded once, by whichever child got the lock first:\n" + outputs);

      // Both children see the same, verified files.
      for (Child child : children) {
        List<String[]> files = child.files();
        assertEquals(2, files.size(), child.output());
        for (String[] file : files) {
          byte[] content = expected.get(file[1]);
          String sha256 = Fixtures.sha256(content);
          assertEquals(Long.toString(content.length), file[2], child.output());
          assertEquals(sha256, file[3], "checksum reported by the fetcher\n" + child.output());
          assertEquals(sha256, file[4], "checksum of the bytes on disk\n" + child.output());
        }
      }

      // One child downloaded both files while the other waited on the lock, then used the cache.
      List<String> sources =
          children.stream()
              .map(c -> c.files().stream().map(f -> f[5]).collect(Collectors.joining(", ")))
              .sorted()
              .toList();
      assertEquals(
          List.of("cache, cache", server.url("/a.bin") + ", " + server.url("/b.txt")),
          sources,
          outputs);
      long waited =
          children.stream()
              .filter(c -> c.logged("Waiting for another process fetching into"))
              .count();
      assertEquals(1, waited, "the fetches must overlap and one must wait:\n" + outputs);
      Child downloader =
          children.stream()
              .filter(c -> c.files().get(0)[5].startsWith("http"))
              .findFirst()
              .orElseThrow();
      assertTrue(
          downloader.logged("Verified " + FetchInChildJvm.ID + "/a.bin from "),
          downloader.output());
    }

    // The cache holds the lock file and the two verified files: nothing partial, nothing else.
    assertEquals(
        List.of(
            FetchInChildJvm.ID,
            FetchInChildJvm.ID + ".lock",
            FetchInChildJvm.ID + "/a.bin",
            FetchInChildJvm.ID + "/b.txt"),
        treeOf(cache));
    Path folder = cache.resolve(FetchInChildJvm.ID);
    assertArrayEquals(FetchInChildJvm.A, Files.readAllBytes(folder.resolve("a.bin")));
    assertArrayEquals(FetchInChildJvm.B, Files.readAllBytes(folder.resolve("b.txt")));
  }

  /** Every file and folder under {@code root}, relative, with '/' separators, sorted. */
  private static List<String> treeOf(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(p -> !p.equals(root))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  /** A child JVM running {@link FetchInChildJvm}, with its output collected line by line. */
  private static final class Child {
    final String name;
    final Process process;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch ready = new CountDownLatch(1);
    final Thread reader;
    int exitCode = -1;

    private Child(String name, Process process) {
      this.name = name;
      this.process = process;
      this.reader = new Thread(this::readOutput, "output of the " + name + " child");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(String name, Path cache, String baseUrl) throws IOException {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      List<String> command =
          List.of(
              java.toString(),
              "-Xmx64m",
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-cp",
              System.getProperty("java.class.path"),
              FetchInChildJvm.class.getName(),
              cache.toString(),
              baseUrl);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      return new Child(name, process);
    }

    private void readOutput() {
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          lines.add(line);
          if (line.equals("ready")) {
            ready.countDown();
          }
        }
      } catch (IOException e) {
        lines.add("(reading the output failed: " + e + ")");
      }
    }

    void awaitReady() throws InterruptedException {
      if (!ready.await(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        fail("the " + name + " child did not get ready:\n" + output());
      }
    }

    /** Tells the child to start fetching. */
    void go() {
      try {
        OutputStream in = process.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("the " + name + " child is gone:\n" + output(), e);
      }
    }

    void awaitExit() throws InterruptedException {
      if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        fail("the " + name + " child did not finish:\n" + output());
      }
      exitCode = process.exitValue();
      reader.join(TimeUnit.SECONDS.toMillis(5));
    }

    void kill() {
      process.destroyForcibly();
    }

    /** The {@code file} lines, split into their tab-separated fields. */
    List<String[]> files() {
      synchronized (lines) {
        return lines.stream()
            .filter(l -> l.startsWith("file\t"))
            .map(l -> l.split("\t", -1))
            .toList();
      }
    }

    boolean logged(String fragment) {
      synchronized (lines) {
        return lines.stream().anyMatch(l -> l.startsWith("log\t") && l.contains(fragment));
      }
    }

    String output() {
      synchronized (lines) {
        return "--- " + name + " child (exit " + exitCode + ") ---\n" + String.join("\n", lines);
      }
    }
  }
}
