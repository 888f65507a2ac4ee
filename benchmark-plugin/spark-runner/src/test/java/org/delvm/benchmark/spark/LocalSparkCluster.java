package org.delvm.benchmark.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1 for tests: a master and one worker, each a {@code
 * java -cp <SPARK_HOME>/jars/*} process, as {@code sbin/start-master.sh} and {@code
 * start-worker.sh} start them. The SPARK_HOME is the one the build lays out ({@code
 * target/spark-home}, system property {@code delvm.spark.home}); the worker builds its executors'
 * command from it. {@link #close} kills every process started here, and their children (the
 * executors), by process id.
 */
final class LocalSparkCluster implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final Path sparkHome;
  private final List<String> javaOptions;
  private final Path logs;
  private final List<Process> started = new ArrayList<>();
  private String masterUrl;

  LocalSparkCluster(Path logs) {
    String home = System.getProperty("delvm.spark.home");
    if (home == null || !Files.isDirectory(Path.of(home, "jars"))) {
      throw new IllegalStateException(
          "No SPARK_HOME laid out: run the tests through Maven (mvn test), whose"
              + " process-test-resources phase copies Spark's jars into target/spark-home/jars,"
              + " or set -Ddelvm.spark.home=<a Spark distribution>");
    }
    this.sparkHome = Path.of(home).toAbsolutePath();
    this.javaOptions =
        Arrays.stream(System.getProperty("delvm.spark.javaOptions", "").split("\\s+"))
            .filter(s -> !s.isBlank())
            .toList();
    this.logs = logs;
  }

  Path sparkHome() {
    return sparkHome;
  }

  String masterUrl() {
    return masterUrl;
  }

  /** Starts the master and one worker with {@code cores} cores and {@code memory} of memory. */
  LocalSparkCluster start(int cores, String memory) throws IOException, InterruptedException {
    int port = freePort();
    Path masterLog = logs.resolve("master.log");
    started.add(
        launch(
            List.of(
                "-Xmx256m",
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--webui-port",
                Integer.toString(freePort())),
            masterLog));
    masterUrl = "spark://127.0.0.1:" + port;
    awaitLine(masterLog, "I have been elected leader", started.get(0));
    Path workerLog = logs.resolve("worker.log");
    Path workDir = Files.createDirectories(logs.resolve("work"));
    started.add(
        launch(
            List.of(
                "-Xmx256m",
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                Integer.toString(cores),
                "--memory",
                memory,
                "--work-dir",
                workDir.toString(),
                "--webui-port",
                Integer.toString(freePort()),
                masterUrl),
            workerLog));
    awaitLine(workerLog, "Successfully registered with master", started.get(1));
    return this;
  }

  /**
   * Starts {@code org.apache.spark.deploy.SparkSubmit} (what {@code bin/spark-submit} runs) with
   * these arguments, its output in {@code log}.
   */
  Process submit(List<String> arguments, Path log) throws IOException {
    List<String> main = new ArrayList<>(List.of("-Xmx1g", "org.apache.spark.deploy.SparkSubmit"));
    main.addAll(arguments);
    Process submit = launch(main, log);
    started.add(submit);
    return submit;
  }

  private Process launch(List<String> mainAndArguments, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.add("-cp");
    command.add(sparkHome.resolve("jars") + File.separator + "*");
    command.addAll(mainAndArguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    // What bin/load-spark-env.sh exports; the worker's executor command needs it.
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().remove("SPARK_CONF_DIR");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  /** Waits until {@code log} has a line containing {@code text}, or fails with the log's tail. */
  static void awaitLine(Path log, String text, Process process) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String content = read(log);
      if (content.contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "process " + process.pid() + " ended (" + process.exitValue() + "): " + tail(log));
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("no '" + text + "' in " + log + " after " + START_TIMEOUT);
  }

  static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  static String tail(Path log) {
    String content = read(log);
    return content.substring(Math.max(0, content.length() - 6000));
  }

  /** Kills the process and its descendants (executors, for a worker) by process id. */
  static void kill(Process process) throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor();
    for (ProcessHandle child : children) {
      child.onExit().join();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = started.size() - 1; i >= 0; i--) {
      kill(started.get(i));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A jar of a classes folder (or the jar itself), as spark-submit takes application code. */
  static Path jarOf(Path classes, Path into) throws IOException {
    if (Files.isRegularFile(classes)) {
      return classes;
    }
    Path jar = into.resolve(classes.getParent().getParent().getFileName() + ".jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
