package org.delvm.benchmark.report.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium}, headless and offline, for the tests that check what a browser makes of
 * the report (the set-up of {@code .ci/check-report}). Where it is missing the test is skipped on a
 * developer's machine but fails in CI ({@code CI=true}), where {@code .ci/run} installs it.
 */
final class HeadlessChromium {

  /** What one page load gave: the rendered DOM and every console message the page logged. */
  record Page(String dom, List<String> console) {}

  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  static HeadlessChromium findOrSkip() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return new HeadlessChromium(candidate);
        }
      }
    }
    String why = "chromium is not installed (apt-get install chromium; .ci/run installs it)";
    if ("true".equals(System.getenv("CI"))) {
      fail(why);
    }
    Assumptions.abort(why);
    return null;
  }

  /** Loads the page, dumps its DOM, and collects the console lines Chromium logs to stderr. */
  Page load(Path page, Path scratch) throws IOException, InterruptedException {
    Path dom = scratch.resolve("dom.html");
    Path log = scratch.resolve("chromium.log");
    List<String> command = command(scratch);
    command.add("--dump-dom");
    command.add(page.toUri().toString());
    run(command, dom, log);
    List<String> console = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      // Chromium prints every console message (log, warning and error alike) as ":CONSOLE".
      if (line.contains(":CONSOLE")) {
        console.add(line);
      }
    }
    return new Page(Files.readString(dom, StandardCharsets.UTF_8), console);
  }

  /** A PNG screenshot of the page at the given window size. */
  Path screenshot(Path page, Path png, int width, int height, Path scratch)
      throws IOException, InterruptedException {
    List<String> command = command(scratch);
    command.add("--hide-scrollbars");
    command.add("--screenshot=" + png.toAbsolutePath());
    command.add("--window-size=" + width + "," + height);
    command.add(page.toUri().toString());
    run(command, scratch.resolve("screenshot.out"), scratch.resolve("screenshot.log"));
    return png;
  }

  private List<String> command(Path scratch) throws IOException {
    Path profile = Files.createTempDirectory(scratch, "profile");
    return new ArrayList<>(
        List.of(
            binary.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            // The page must need no network: no proxy is reachable and no name resolves.
            "--proxy-server=127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--user-data-dir=" + profile,
            "--enable-logging=stderr",
            "--v=0"));
  }

  private static void run(List<String> command, Path stdout, Path stderr)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 120 s: " + String.join(" ", command));
    }
    assertEquals(
        0,
        p.exitValue(),
        () -> "chromium failed: " + String.join(" ", command) + "\n" + tail(stderr));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
