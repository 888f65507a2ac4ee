package org.delvm.benchmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class SvgPlotTest {

  private static SvgPlot twoSeries() {
    return new SvgPlot("Fig. 7", "hidden units", "F1 (%)")
        .point("SM-DELVM", 256, 93, 1)
        .point("SM-DELVM", 2048, 94.5, 0)
        .point("SM-DELVM", 512, 94, 0)
        .point("CD-DELVM", 512, 85, 0)
        .paperPoint("SM-DELVM", 2048, 94.81)
        .paperPoint("CD-DELVM", 512, 90.34);
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void onePolylinePerSeriesAndOneMarkPerPaperPoint() throws Exception {
    String svg = twoSeries().render();
    assertEquals(2, count(svg, "<polyline "), svg);
    // two paper points plus the legend's sample mark
    assertEquals(3, count(svg, "class=\"paper-point\""), svg);
    assertTrue(svg.contains("paper (reported)"), svg);
    assertTrue(svg.contains(">SM-DELVM</text>"), svg);
    assertTrue(svg.contains(">CD-DELVM</text>"), svg);
    assertTrue(svg.contains("hidden units (log2 scale)"), svg);
    parse(svg); // well-formed XML
  }

  @Test
  void pointsOfASeriesAreJoinedInXOrder() {
    String svg = twoSeries().render();
    Matcher m = Pattern.compile("<polyline points=\"([^\"]*)\"").matcher(svg);
    assertTrue(m.find());
    String[] points = m.group(1).split(" ");
    assertEquals(3, points.length);
    double previous = Double.NEGATIVE_INFINITY;
    for (String p : points) {
      double x = Double.parseDouble(p.split(",")[0]);
      assertTrue(x > previous, m.group(1));
      previous = x;
    }
  }

  @Test
  void log2AxisOnlyForPowersOfTwo() {
    assertTrue(twoSeries().logX());
    SvgPlot layers =
        new SvgPlot("Fig. 8", "layers", "F1").point("s", 1, 90, 0).point("s", 3, 91, 0);
    assertFalse(layers.logX());
    assertFalse(layers.render().contains("log2"));
  }

  @Test
  void layersOneToFourStayLinearAndOneWidthIsLog() {
    SvgPlot layers =
        new SvgPlot("t", "layers", "F1")
            .point("s", 1, 90, 0)
            .point("s", 2, 91, 0)
            .point("s", 4, 92, 0);
    assertFalse(layers.logX());
    assertTrue(new SvgPlot("t", "hidden units", "F1").point("s", 256, 90, 0).logX());
  }

  @Test
  void yBoundsKeepTheAxisAndErrorBarsInside() {
    String svg =
        new SvgPlot("t", "layers", "F1 (%)")
            .yBounds(0, 100)
            .point("s", 1, 55, 45)
            .point("s", 2, 40, 45.75)
            .render();
    assertFalse(svg.contains(">-"), "no negative tick: " + svg);
    assertFalse(svg.contains(">110<") || svg.contains(">150<"), svg);
    assertTrue(svg.contains(">100<"), svg);
  }

  @Test
  void everyTextIsEscaped() throws Exception {
    String evil = "<script>alert(\"x\")</script> & 'more'";
    String svg = new SvgPlot(evil, evil, evil).point(evil, 1, 2, 0).paperPoint(evil, 1, 3).render();
    assertFalse(svg.contains("<script"), svg);
    assertTrue(svg.contains("&lt;script&gt;"), svg);
    Document doc = parse(svg);
    assertEquals(0, doc.getElementsByTagName("script").getLength());
  }

  @Test
  void anEmptyPlotSaysSo() throws Exception {
    String svg = new SvgPlot("t", "x", "y").render();
    assertTrue(svg.contains("no result to plot"), svg);
    parse(svg);
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
  }
}
