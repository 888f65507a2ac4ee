package org.delvm.benchmark.report.drift;

/**
 * Text from plans and results inside Markdown: every character Markdown or the HTML it may contain
 * would interpret is escaped, and line breaks become spaces, so that no plan text can add a link,
 * an image, a table cell, a heading or a tag to a pull-request comment.
 */
final class Markdown {

  private static final String SPECIAL = "\\`*_[]|~";

  private Markdown() {}

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      if (c == '\n' || c == '\r') {
        out.append(' ');
      } else if (c == '<') {
        out.append("&lt;");
      } else if (c == '>') {
        out.append("&gt;");
      } else if (SPECIAL.indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
