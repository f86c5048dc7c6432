package dev.citebot.render;

import dev.citebot.Excerpt;
import dev.citebot.answer.Answer;
import dev.citebot.answer.Citation;
import dev.citebot.index.ArticleInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Telegram HTML (parse mode "HTML") for answers, passages, excerpts and the bot's help texts.
 *
 * <p>Everything that comes from an article or a user is escaped: Telegram rejects a whole message
 * when one stray {@code <} or {@code &} does not parse. Only links with an http(s) URL become
 * {@code <a>} tags; any other URL is shown as text. Long results are not cut here: the caller
 * splits them into messages (see the telegram package's MessageSplitter).
 */
public final class TelegramRenderer {
  /** Characters of context shown around a quote when a button is pressed. */
  static final int PASSAGE_CHARS = 3000;

  /**
   * Longest answer text shown, in characters: with its list of sources it fits in two or three
   * messages. Answers are short (the model's reply is already cut to its token limit); this bounds
   * what one question can make the bot send, whatever produced the text.
   */
  static final int MAX_ANSWER_CHARS = 6000;

  private static final int BUTTON_TITLE_CHARS = 32;
  private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s<>\"]+");

  /** server.public-url: where the web page is; empty = sources are not linked to it. */
  private final String pageUrl;

  public TelegramRenderer() {
    this("");
  }

  /**
   * @param pageUrl the web page's public URL (server.public-url, http or https, no trailing slash);
   *     when not empty, each source's lines link to the page's view of them
   */
  public TelegramRenderer(String pageUrl) {
    this.pageUrl = pageUrl;
  }

  /** The answer with its [n] markers, then one line per source: title (linked), file, lines. */
  public String answer(Answer a) {
    StringBuilder sb = new StringBuilder(escape(shortened(a.text().strip(), MAX_ANSWER_CHARS)));
    if (!a.citations().isEmpty()) {
      sb.append("\n\n<b>").append(sourcesLabel(a.language())).append("</b>");
      for (Citation c : a.citations()) {
        sb.append("\n[").append(c.n()).append("] ");
        sb.append(title(c.title(), c.sourceUrl()));
        sb.append(" · <code>").append(escape(c.file())).append("</code>, ");
        sb.append(pageLink(c));
      }
    }
    return sb.toString();
  }

  /** "lines 3-9", linked to the web page's article view of them when there is a page. */
  private String pageLink(Citation c) {
    String label = ConsoleRenderer.lines(c);
    if (pageUrl.isEmpty()) {
      return label;
    }
    String url =
        pageUrl
            + "/?file="
            + URLEncoder.encode(c.file(), StandardCharsets.UTF_8)
            + "&from="
            + c.firstLine()
            + "&to="
            + c.lastLine();
    return "<a href=\"" + escape(url) + "\">" + label + "</a>";
  }

  /**
   * {@code text} cut after its last sentence (else word) that ends within {@code max}, plus "…".
   */
  static String shortened(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = -1;
    for (int i = max - 1; i > max / 2 && cut < 0; i--) {
      if (Character.isWhitespace(text.charAt(i)) && ".!?]".indexOf(text.charAt(i - 1)) >= 0) {
        cut = i;
      }
    }
    if (cut < 0) {
      cut = text.lastIndexOf(' ', max - 1);
    }
    if (cut <= 0) {
      cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    }
    return text.substring(0, cut).strip() + " …";
  }

  /** The label of a citation's inline button: "[n] short title". Plain text, not HTML. */
  public String buttonLabel(Citation c) {
    String t = c.title().isBlank() ? c.file() : c.title().strip().replaceAll("\\s+", " ");
    if (t.codePointCount(0, t.length()) > BUTTON_TITLE_CHARS) {
      t = t.substring(0, t.offsetByCodePoints(0, BUTTON_TITLE_CHARS - 1)).strip() + "…";
    }
    return "[" + c.n() + "] " + t;
  }

  /**
   * What a citation button shows: title, file and lines, then the cited lines with the quote in
   * bold. {@code context} holds the cited lines as they are in the file.
   */
  public String passage(Citation c, Excerpt context) {
    StringBuilder sb = new StringBuilder();
    sb.append("<b>[").append(c.n()).append("]</b> ").append(title(c.title(), c.sourceUrl()));
    sb.append("\n<code>").append(escape(c.file())).append("</code>, ");
    sb.append(lineRange(context.from(), context.to()));
    String text = String.join("\n", context.lines()).strip();
    sb.append("\n<blockquote>").append(highlight(text, c.quote())).append("</blockquote>");
    return sb.toString();
  }

  /** Lines of an article for /show: title, file and lines, then the lines themselves. */
  public String excerpt(Excerpt e, int maxChars) {
    StringBuilder sb = new StringBuilder();
    sb.append(title(e.article().title(), e.article().sourceUrl()));
    sb.append("\n<code>").append(escape(e.article().file())).append("</code>, ");
    sb.append(lineRange(e.from(), e.to())).append('\n');
    StringBuilder body = new StringBuilder();
    int shown = 0;
    for (String line : e.lines()) {
      if (body.length() + line.length() > maxChars && shown > 0) {
        break;
      }
      body.append(line).append('\n');
      shown++;
    }
    sb.append("<blockquote>").append(escape(body.toString().strip())).append("</blockquote>");
    if (shown < e.lines().size()) {
      int last = e.from() + shown - 1;
      int more = e.lines().size() - shown;
      sb.append("\n(")
          .append(more)
          .append(more == 1 ? " more line; use /show " : " more lines; use /show ")
          .append(escape(e.article().file()))
          .append(':')
          .append(last + 1)
          .append('-')
          .append(e.to())
          .append(')');
    }
    return sb.toString();
  }

  /** The article list for /sources, at most {@code max} entries. */
  public String sources(List<ArticleInfo> articles, int max) {
    StringBuilder sb = new StringBuilder();
    sb.append("<b>")
        .append(articles.size())
        .append(articles.size() == 1 ? " article" : " articles");
    sb.append("</b>");
    for (ArticleInfo a : articles.subList(0, Math.min(max, articles.size()))) {
      sb.append("\n• ").append(title(a.title(), a.sourceUrl()));
      sb.append("\n   <code>").append(escape(a.file())).append("</code>");
      if (!a.language().isBlank()) {
        sb.append(" · ").append(escape(a.language()));
      }
      if (!a.date().isBlank()) {
        sb.append(" · ").append(escape(a.date()));
      }
    }
    if (articles.size() > max) {
      sb.append("\n… and ").append(articles.size() - max).append(" more.");
    }
    return sb.toString();
  }

  /**
   * The /start and /help text: what the bot knows (how many articles, which languages) and how to
   * ask and read citations.
   *
   * @param botUsername the bot's @username without the @
   */
  public String help(List<ArticleInfo> articles, String botUsername) {
    Map<String, Integer> languages = new TreeMap<>();
    for (ArticleInfo a : articles) {
      languages.merge(a.language().isBlank() ? "unknown" : a.language(), 1, Integer::sum);
    }
    StringBuilder langs = new StringBuilder();
    languages.forEach(
        (lang, n) ->
            langs.append(langs.isEmpty() ? "" : ", ").append(escape(lang)).append(" ").append(n));
    String at = escape("@" + botUsername);
    return ("<b>citebot</b> answers questions about %d %s (%s) and cites, for every claim,"
            + " the file and the lines it came from.\n\n"
            + "Ask in plain words, in any language of the articles. Every answer marks its"
            + " claims with [1], [2], … and ends with its sources: title, file and lines."
            + " Press a source's button to read the cited passage. Follow-up questions keep the"
            + " context of this chat.\n\n"
            + "/sources – list the articles\n"
            + "/show FILE:FROM-TO – read lines of an article, e.g. /show %s:1-5\n"
            + "/new – forget this conversation\n"
            + "/help – this message\n\n"
            + "In a group, ask with /ask QUESTION, mention %s, or reply to one of my messages.")
        .formatted(
            articles.size(),
            articles.size() == 1 ? "article" : "articles",
            langs.isEmpty() ? "none yet" : langs,
            articles.isEmpty() ? "FILE" : escape(articles.get(0).file()),
            at);
  }

  /** Escapes text for Telegram HTML: {@code & < > "}. */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }

  /** The title, linked when the URL is http(s); the file's title may be empty. */
  static String title(String title, String url) {
    String t = escape(title.isBlank() ? "(untitled)" : title.strip());
    if (url != null && HTTP_URL.matcher(url.strip()).matches()) {
      return "<a href=\"" + escape(url.strip()) + "\">" + t + "</a>";
    }
    return t;
  }

  static String lineRange(int from, int to) {
    return from == to ? "line " + from : "lines " + from + "-" + to;
  }

  /** Escaped text with the first occurrence of {@code quote} in bold, cut around it if long. */
  static String highlight(String text, String quote) {
    int at = quote == null || quote.isBlank() ? -1 : text.indexOf(quote.strip());
    int len = at < 0 ? 0 : quote.strip().length();
    int start = 0;
    int end = text.length();
    if (end > PASSAGE_CHARS) {
      int center = at < 0 ? 0 : at + len / 2;
      start = Math.max(0, Math.min(center - PASSAGE_CHARS / 2, end - PASSAGE_CHARS));
      end = Math.min(text.length(), start + Math.max(PASSAGE_CHARS, len));
      start = wordStart(text, start);
      end = wordEnd(text, end);
      if (at >= 0) {
        start = Math.min(start, at);
        end = Math.max(end, at + len);
      }
      if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
        start--;
      }
      if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
        end++;
      }
    }
    StringBuilder sb = new StringBuilder();
    if (start > 0) {
      sb.append("… ");
    }
    if (at >= 0) {
      sb.append(escape(text.substring(start, at)));
      sb.append("<b>").append(escape(text.substring(at, at + len))).append("</b>");
      sb.append(escape(text.substring(at + len, end)));
    } else {
      sb.append(escape(text.substring(start, end)));
    }
    if (end < text.length()) {
      sb.append(" …");
    }
    return sb.toString();
  }

  private static int wordStart(String text, int i) {
    if (i == 0) {
      return 0;
    }
    int space = text.indexOf(' ', i);
    return space < 0 || space - i > 40 ? i : space + 1;
  }

  private static int wordEnd(String text, int i) {
    if (i >= text.length()) {
      return text.length();
    }
    int space = text.lastIndexOf(' ', i);
    return space < 0 || i - space > 40 ? i : space;
  }

  private static String sourcesLabel(String language) {
    return switch (language == null ? "" : language) {
      case "vi" -> "Nguồn";
      case "no" -> "Kilder";
      default -> "Sources";
    };
  }
}
