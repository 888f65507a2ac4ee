package org.delvm.benchmark.plugin;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Runs the Spark driver of {@code delvm-spark-runner} in a JVM of its own, as Surefire runs tests:
 * Spark 4 needs Jackson 2.21 and Scala 2.13, which cannot share this plugin's class realm (its
 * Jackson is the project's 2.18). The runner and Spark (its {@code provided} dependency) are
 * resolved here, from the reactor when the runner is built in it, else from the repositories; the
 * child's log lines ({@code LEVEL message}) go to Maven's log at their level.
 */
final class SparkDriverFork {

  static final String RUNNER_ARTIFACT = "delvm-spark-runner";
  static final String DRIVER = "org.delvm.benchmark.spark.SparkDriver";

  /** Spark's Java 17 flags, kept in the runner's jar (its POM's {@code spark.java.options}). */
  static final String JVM_OPTIONS = "org/delvm/benchmark/spark/jvm.options";

  /** The child's log configuration: {@code LEVEL message} lines on stdout. */
  static final String LOG_CONFIGURATION = "org/delvm/benchmark/spark/maven-log4j2.properties";

  /** What a runtime class path holds (resolver-util's constants are not exported to plugins). */
  private static final DependencyFilter RUNTIME =
      (node, parents) ->
          node.getDependency() == null
              || List.of("compile", "runtime").contains(node.getDependency().getScope());

  private final RepositorySystem system;
  private final RepositorySystemSession session;
  private final List<RemoteRepository> repositories;
  private final String groupId;
  private final String version;
  private final Log log;

  /**
   * @param groupId the runner's group and version: this plugin's
   */
  SparkDriverFork(
      RepositorySystem system,
      RepositorySystemSession session,
      List<RemoteRepository> repositories,
      String groupId,
      String version,
      Log log) {
    this.system = system;
    this.session = session;
    this.repositories = repositories;
    this.groupId = groupId;
    this.version = version;
    this.log = log;
  }

  /**
   * Runs the plan's cells on Spark ({@code driverArguments}: plan, data, results; see the runner's
   * {@code DriverArguments}) with {@code master}, and waits for them.
   *
   * @return the cells that failed, each as {@code id: reason}
   * @throws MojoFailureException when the driver could not run the plan
   */
  List<String> runCells(List<String> driverArguments, String master) throws MojoFailureException {
    List<File> classpath = classpath();
    log.info(
        "delvm.runner=spark: the cells run as Spark tasks on "
            + master
            + ", in a driver JVM of "
            + classpath.size()
            + " jar(s) ("
            + RUNNER_ARTIFACT
            + " and Spark)");
    Path outcome;
    try {
      outcome = java.nio.file.Files.createTempFile("delvm-spark-outcome", ".json");
    } catch (IOException e) {
      throw new MojoFailureException("Cannot create a temporary file for the Spark outcome", e);
    }
    try {
      List<String> arguments = new ArrayList<>(driverArguments);
      arguments.addAll(List.of("--master", master, "--outcome", outcome.toString()));
      int status = run(classpath, arguments);
      if (status != 0) {
        throw new MojoFailureException(
            "The Spark driver ended with status "
                + status
                + "; its log is above. Cells that finished are stored, and the next run resumes"
                + " after them.");
      }
      List<String> failed = new ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonNode cell :
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(outcome.toFile())
              .path("cells")) {
        if (cell.path("status").asText().equals("failed")) {
          failed.add(cell.path("cellId").asText() + ": " + cell.path("message").asText());
        }
      }
      return failed;
    } catch (IOException e) {
      throw new MojoFailureException("Cannot read the Spark driver's outcome " + outcome, e);
    } finally {
      try {
        java.nio.file.Files.deleteIfExists(outcome);
      } catch (IOException ignored) {
        // A temporary file.
      }
    }
  }

  /**
   * The runner's class path: the runner at {@code groupId:delvm-spark-runner:version} and its
   * dependencies, Spark (which it declares {@code provided}) included.
   */
  List<File> classpath() throws MojoFailureException {
    Artifact runner = new DefaultArtifact(groupId, RUNNER_ARTIFACT, "jar", version);
    try {
      ArtifactDescriptorResult descriptor =
          system.readArtifactDescriptor(
              session, new ArtifactDescriptorRequest(runner, repositories, null));
      CollectRequest collect = new CollectRequest();
      collect.setRepositories(repositories);
      collect.addDependency(new Dependency(runner, "compile"));
      for (Dependency dependency : descriptor.getDependencies()) {
        if (dependency.getScope().equals("provided")) {
          collect.addDependency(dependency.setScope("compile")); // Spark itself
        }
      }
      collect.setManagedDependencies(descriptor.getManagedDependencies());
      DependencyRequest request = new DependencyRequest(collect, RUNTIME);
      List<File> files = new ArrayList<>();
      for (ArtifactResult result :
          system.resolveDependencies(session, request).getArtifactResults()) {
        files.add(result.getArtifact().getFile());
      }
      return files;
    } catch (ArtifactDescriptorException | DependencyResolutionException e) {
      throw new MojoFailureException(
          "Cannot resolve the Spark runner "
              + runner
              + " and Spark for -Ddelvm.runner=spark: "
              + e.getMessage()
              + ". Build it in the same reactor (mvn verify from the project's root) or install"
              + " it (mvn install -pl benchmark-plugin/spark-runner -am), and let Maven reach"
              + " Maven Central for Spark once.",
          e);
    }
  }

  /**
   * Runs the driver with {@code arguments} on {@code classpath} and waits for it.
   *
   * @return its exit status
   */
  int run(List<File> classpath, List<String> arguments) throws MojoFailureException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions(classpath));
    command.addAll(memoryOptions());
    command.add("-Dlog4j2.configurationFile=" + LOG_CONFIGURATION);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath.stream().map(File::getPath).toList()));
    command.add(DRIVER);
    command.addAll(arguments);
    log.debug("Spark driver command: " + String.join(" ", command));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new MojoFailureException("Cannot start the Spark driver JVM " + command.get(0), e);
    }
    Thread stop = new Thread(process::destroy, "delvm-spark-driver-stop");
    Runtime.getRuntime().addShutdownHook(stop); // Maven killed: the driver goes too
    try {
      stream(process.getInputStream());
      return process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new MojoFailureException("Interrupted while the Spark driver ran; it was stopped", e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // The hook runs already.
      }
    }
  }

  /** The child's lines into Maven's log: {@code LEVEL message}; other lines keep the last level. */
  private void stream(InputStream output) {
    Consumer<String> level = log::info;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        int space = line.indexOf(' ');
        String prefix = space > 0 ? line.substring(0, space) : "";
        Consumer<String> next =
            switch (prefix) {
              case "ERROR", "FATAL" -> log::error;
              case "WARN" -> log::warn;
              case "INFO" -> log::info;
              case "DEBUG", "TRACE" -> log::debug;
              default -> null;
            };
        if (next != null) {
          level = next;
          level.accept(line.substring(space + 1));
        } else {
          level.accept(line);
        }
      }
    } catch (IOException e) {
      log.warn("Lost the Spark driver's output: " + e);
    }
  }

  /** Spark's Java 17 flags, as the runner's jar lists them. */
  private static List<String> javaOptions(List<File> classpath) throws MojoFailureException {
    URL[] urls = new URL[classpath.size()];
    try {
      for (int i = 0; i < urls.length; i++) {
        urls[i] = classpath.get(i).toURI().toURL();
      }
      try (URLClassLoader loader = new URLClassLoader(urls, null);
          InputStream in = loader.getResourceAsStream(JVM_OPTIONS)) {
        if (in == null) {
          throw new MojoFailureException(
              "The Spark runner on the class path has no " + JVM_OPTIONS + ": rebuild it");
        }
        return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\s+"))
            .filter(s -> !s.isBlank())
            .toList();
      }
    } catch (IOException e) {
      throw new MojoFailureException("Cannot read " + JVM_OPTIONS + " of the Spark runner", e);
    }
  }

  /**
   * This JVM's heap and JavaCPP limits ({@code .mvn/jvm.config}): with {@code local[*]} the cells
   * run in the driver's JVM and need what they need in-process.
   */
  static List<String> memoryOptions() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(
            a ->
                a.startsWith("-Xmx")
                    || a.startsWith("-Xss")
                    || a.startsWith("-Dorg.bytedeco.javacpp.max"))
        .toList();
  }
}
