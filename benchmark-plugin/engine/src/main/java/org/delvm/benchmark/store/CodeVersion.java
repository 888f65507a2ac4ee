package org.delvm.benchmark.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.delvm.benchmark.models.EnergyModel;

/**
 * The code a cell runs: the commit the plugin was built from (read at build time into {@code
 * build.properties}, see the plugin's POM) and a content hash of the model and training classes.
 * The hash is part of every cell's {@link CellFingerprint}, so changed numerics are never reused
 * from a stale result; the commit says where to look when results disagree.
 *
 * @param commit the git commit; empty when the plugin was not built from a git checkout
 * @param dirty the checkout had uncommitted changes to tracked files
 * @param version the plugin's version
 * @param codeSha256 SHA-256 over the class files of the {@code org.delvm.benchmark.models} packages
 *     (the models module), each as its path and bytes, in path order
 */
public record CodeVersion(String commit, boolean dirty, String version, String codeSha256) {

  /** Where the models module's classes live, in a jar or a folder. */
  static final String MODELS_PREFIX = "org/delvm/benchmark/models/";

  private static final String BUILD_PROPERTIES = "build.properties";

  /** Hashing the classes takes a few milliseconds; once per JVM is enough. */
  private static final class Holder {
    static final CodeVersion CURRENT = read();
  }

  /** The code of this JVM. */
  public static CodeVersion current() {
    return Holder.CURRENT;
  }

  private static CodeVersion read() {
    Properties build = new Properties();
    try (InputStream in = CodeVersion.class.getResourceAsStream(BUILD_PROPERTIES)) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the plugin's " + BUILD_PROPERTIES, e);
    }
    String commit = build.getProperty("commit", "").strip();
    // Without git the build leaves the placeholder or nothing: no commit, the version says it.
    if (!commit.matches("[0-9a-f]{7,64}")) {
      commit = "";
    }
    String version = build.getProperty("version", "");
    if (version.isBlank() || version.startsWith("${")) {
      version = String.valueOf(CodeVersion.class.getPackage().getImplementationVersion());
    }
    return new CodeVersion(
        commit,
        !commit.isEmpty() && Boolean.parseBoolean(build.getProperty("dirty", "false").strip()),
        version,
        hashClasses(EnergyModel.class));
  }

  /**
   * SHA-256 over the class files under {@link #MODELS_PREFIX} in the jar or folder that holds
   * {@code anchor}: the same classes give the same hash wherever the jar lies.
   */
  static String hashClasses(Class<?> anchor) {
    Path location;
    try {
      location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("Cannot locate the model classes of " + anchor, e);
    }
    Map<String, byte[]> classes = new TreeMap<>();
    try {
      if (Files.isDirectory(location)) {
        Path root = location.resolve(MODELS_PREFIX);
        try (Stream<Path> files = Files.walk(root)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
            classes.put(
                MODELS_PREFIX + root.relativize(f).toString().replace('\\', '/'),
                Files.readAllBytes(f));
          }
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          for (JarEntry e : jar.stream().toList()) {
            if (e.getName().startsWith(MODELS_PREFIX) && e.getName().endsWith(".class")) {
              try (InputStream in = jar.getInputStream(e)) {
                classes.put(e.getName(), in.readAllBytes());
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the model classes in " + location, e);
    }
    if (classes.isEmpty()) {
      throw new IllegalStateException(
          "No model classes under " + MODELS_PREFIX + " in " + location);
    }
    return sha256(classes);
  }

  static String sha256(Map<String, byte[]> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      files.forEach(
          (name, bytes) -> {
            // Name and length first, so that moving bytes between files changes the hash.
            digest.update(
                (name + "\n" + bytes.length + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(bytes);
          });
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
