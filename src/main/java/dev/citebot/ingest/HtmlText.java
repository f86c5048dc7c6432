package dev.citebot.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The readable text of an HTML page, laid over the page source so offsets and lines stay those of
 * the file.
 *
 * <p>The "masked" text has the length of the source: characters of kept text nodes are copied,
 * everything else (tags, comments, scripts, navigation) becomes a space, and line breaks stay where
 * they are. A sentence's lines are therefore the lines of the HTML file. Entities stay as written
 * ("&amp;amp;"), so a quote is found verbatim in the source wherever it has no inline tag.
 */
public final class HtmlText {

  /**
   * @param masked the source with markup blanked (same length, same line breaks)
   * @param blocks one span per block element's text, with empty spans between them as paragraph
   *     breaks
   * @param title the {@code <title>} text, "" when none (a fallback when the body has no headline)
   * @param sourceUrl the canonical or og:url link, "" when none
   * @param date the published date from the page's meta data (ISO), "" when none
   */
  public record Extracted(
      String masked, List<TextSpan> blocks, String title, String sourceUrl, String date) {}

  /** Page furniture, never article text. */
  private static final Set<String> DROPPED =
      Set.of(
          "script",
          "style",
          "noscript",
          "template",
          "nav",
          "header",
          "footer",
          "aside",
          "form",
          "button",
          "select",
          "svg",
          "iframe",
          "figcaption",
          "head",
          "menu",
          "dialog");

  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "li",
          "dt",
          "dd",
          "td",
          "th",
          "blockquote",
          "pre",
          "div",
          "section",
          "article",
          "main",
          "caption",
          "address",
          "tr",
          "ul",
          "ol",
          "table",
          "body",
          "figure",
          "details",
          "summary");

  private HtmlText() {}

  public static Extracted extract(String source) {
    Parser parser = Parser.htmlParser().setTrackPosition(true);
    Document doc = Jsoup.parse(source, "", parser);
    char[] masked = new char[source.length()];
    for (int i = 0; i < masked.length; i++) {
      char c = source.charAt(i);
      masked[i] = c == '\n' || c == '\r' ? c : ' ';
    }
    List<TextSpan> blocks = new ArrayList<>();
    Element[] currentBlock = {null};
    int[] span = {-1, -1};
    NodeTraversor.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof Element e && DROPPED.contains(e.normalName())) {
              return FilterResult.SKIP_ENTIRELY;
            }
            if (node instanceof TextNode t && !t.isBlank()) {
              Range r = t.sourceRange();
              if (!r.isTracked()) {
                return FilterResult.CONTINUE;
              }
              int start = r.startPos();
              int end = Math.min(r.endPos(), source.length());
              for (int i = start; i < end; i++) {
                masked[i] = source.charAt(i);
              }
              Element block = blockOf(t);
              if (block != currentBlock[0] && span[0] >= 0) {
                blocks.add(new TextSpan(span[0], span[1]));
                blocks.add(new TextSpan(span[1], span[1])); // paragraph break
                span[0] = -1;
              }
              currentBlock[0] = block;
              if (span[0] < 0) {
                span[0] = start;
              }
              span[1] = end;
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            return FilterResult.CONTINUE;
          }
        },
        doc);
    if (span[0] >= 0) {
      blocks.add(new TextSpan(span[0], span[1]));
    }
    Element titleEl = doc.selectFirst("head > title");
    String title = titleEl == null ? "" : Texts.normalize(titleEl.text());
    return new Extracted(new String(masked), blocks, title, metaUrl(doc), metaDate(doc));
  }

  private static Element blockOf(Node node) {
    Element e = node.parent() instanceof Element p ? p : null;
    while (e != null && !BLOCKS.contains(e.normalName())) {
      e = e.parent();
    }
    return e;
  }

  private static String metaUrl(Document doc) {
    Element canonical = doc.selectFirst("link[rel=canonical][href]");
    if (canonical != null) {
      return canonical.attr("href").trim();
    }
    Element og = doc.selectFirst("meta[property=og:url][content]");
    return og == null ? "" : og.attr("content").trim();
  }

  private static String metaDate(Document doc) {
    Element meta =
        doc.selectFirst(
            "meta[property=article:published_time][content], meta[name=date][content],"
                + " meta[itemprop=datePublished][content], time[datetime]");
    if (meta == null) {
      return "";
    }
    String value = meta.hasAttr("content") ? meta.attr("content") : meta.attr("datetime");
    return value.matches("\\d{4}-\\d{2}-\\d{2}.*") ? value.substring(0, 10) : "";
  }
}
