package org.delvm.benchmark.report.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The commit a run records when it is not told one. */
public final class Commits {

  private Commits() {}

  /**
   * CI's commit variable (GitHub Actions' {@code GITHUB_SHA}, GitLab's {@code CI_COMMIT_SHA}), else
   * {@code git rev-parse HEAD} in {@code directory}, else {@code unknown}: a run outside git still
   * gets its record, and the chart still shows it.
   */
  public static String current(Path directory, Map<String, String> environment) {
    for (String variable : new String[] {"GITHUB_SHA", "CI_COMMIT_SHA"}) {
      String sha = environment.get(variable);
      if (sha != null && !sha.isBlank()) {
        return sha.strip();
      }
    }
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "HEAD")
              .directory(directory.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && !out.isEmpty()) {
        return out;
      }
    } catch (IOException e) {
      // No git on the PATH: fall through.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }
}
