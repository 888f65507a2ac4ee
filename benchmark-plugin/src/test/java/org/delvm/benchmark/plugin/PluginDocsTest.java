package org.delvm.benchmark.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.delvm.benchmark.delvm_maven_plugin.HelpMojo;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The documentation cannot drift from the Mojos: the README's configuration table lists every
 * {@code delvm.*} property of the plugin descriptor (generated from the Mojos' annotations), with
 * its goals and its default exactly, and nothing else; {@code mvn delvm:help -Ddetail} shows every
 * goal and parameter.
 */
class PluginDocsTest {

  private static final Path BASEDIR = Path.of(System.getProperty("basedir", "."));
  private static final Path DESCRIPTOR =
      BASEDIR.resolve("target/classes/META-INF/maven/plugin.xml");
  private static final Path README = BASEDIR.resolve("../README.md");

  /** A property as the descriptor defines it: the goals that take it and its default. */
  record Property(Set<String> goals, String defaultValue) {}

  /** One row of the README table: {@code | `delvm.x` | goals | `default` or none | what |}. */
  private static final Pattern ROW =
      Pattern.compile(
          "^\\| `(delvm\\.[A-Za-z.]+)` \\| ([a-z, ]+) \\| (?:`([^`]*)`|none) \\|.*\\|$");

  @Test
  void readmeConfigurationTableMatchesTheMojoParameters() throws Exception {
    Map<String, Property> mojos = descriptorProperties();
    Map<String, Property> readme = new TreeMap<>();
    for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        Set<String> goals = new TreeSet<>(List.of(m.group(2).split(",\\s*")));
        readme.put(m.group(1), new Property(goals, m.group(3)));
      }
    }
    assertTrue(mojos.containsKey("delvm.history"), "the descriptor was read: " + mojos.keySet());
    assertEquals(
        mojos.keySet(),
        readme.keySet(),
        "README.md's configuration table vs the Mojos' properties");
    mojos.forEach(
        (property, p) ->
            assertEquals(
                p,
                readme.get(property),
                () ->
                    "README.md row of "
                        + property
                        + ": goals and default must be those of the Mojos: | `"
                        + property
                        + "` | "
                        + String.join(", ", p.goals())
                        + " | "
                        + (p.defaultValue() == null ? "none" : "`" + p.defaultValue() + "`")
                        + " | ... |"));
  }

  @Test
  void helpWithDetailListsEveryGoalAndParameter() throws Exception {
    MojoTests.RecordingLog log = new MojoTests.RecordingLog();
    HelpMojo help = new HelpMojo();
    help.setLog(log);
    MojoTests.set(help, "detail", true);
    MojoTests.set(help, "lineLength", 200);
    MojoTests.set(help, "indentSize", 2); // Maven injects the defaults; a plain new does not
    help.execute();
    String text = String.join("\n", log.lines);

    Document plugin = descriptor();
    NodeList mojos = plugin.getElementsByTagName("mojo");
    assertTrue(mojos.getLength() >= 6, "goals in the descriptor: " + mojos.getLength());
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      String goal = text(mojo, "goal");
      assertTrue(text.contains("delvm:" + goal), "help lists the goal " + goal + ":\n" + text);
      NodeList params = mojo.getElementsByTagName("parameter");
      for (int j = 0; j < params.getLength(); j++) {
        Element param = (Element) params.item(j);
        if ("true".equals(text(param, "editable"))) {
          String name = text(param, "name");
          assertTrue(
              text.contains("  " + name),
              "help -Ddetail lists " + goal + "'s " + name + ":\n" + text);
        }
      }
    }
  }

  private static Map<String, Property> descriptorProperties() throws Exception {
    Map<String, Set<String>> goals = new TreeMap<>();
    Map<String, String> defaults = new TreeMap<>();
    Document plugin = descriptor();
    NodeList mojos = plugin.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      String goal = text(mojo, "goal");
      NodeList configuration = mojo.getElementsByTagName("configuration");
      if (configuration.getLength() == 0) {
        continue;
      }
      NodeList values = ((Element) configuration.item(0)).getChildNodes();
      for (int j = 0; j < values.getLength(); j++) {
        if (!(values.item(j) instanceof Element value)) {
          continue;
        }
        String expression = value.getTextContent().strip();
        if (!expression.startsWith("${delvm.")) {
          continue;
        }
        String property = expression.substring(2, expression.length() - 1);
        goals.computeIfAbsent(property, p -> new TreeSet<>()).add(goal);
        String dflt =
            value.hasAttribute("default-value") ? value.getAttribute("default-value") : null;
        if (defaults.containsKey(property) && !Objects.equals(defaults.get(property), dflt)) {
          throw new AssertionError(
              property + " has two defaults across goals: " + defaults.get(property) + ", " + dflt);
        }
        defaults.put(property, dflt);
      }
    }
    Map<String, Property> properties = new TreeMap<>();
    goals.forEach((p, g) -> properties.put(p, new Property(g, defaults.get(p))));
    return properties;
  }

  private static Document descriptor() throws Exception {
    assertTrue(Files.isRegularFile(DESCRIPTOR), DESCRIPTOR + " (made by maven-plugin-plugin)");
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    List<String> direct = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getParentNode() == parent) {
        direct.add(nodes.item(i).getTextContent().strip());
      }
    }
    return direct.isEmpty() ? null : direct.get(0);
  }
}
