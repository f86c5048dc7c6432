package dev.citebot.index;

/** Names of the Lucene fields, in one place so writer and searcher cannot drift apart. */
public final class Fields {
  /** "passage" or "article": one index holds both kinds of document. */
  public static final String TYPE = "type";

  /** Unique id: the file for an article document, file + '#' + ordinal for a passage. */
  public static final String ID = "id";

  /** Relative file path; indexed as one term so a changed file's documents go in one delete. */
  public static final String FILE = "file";

  public static final String LANGUAGE = "lang";
  public static final String TITLE = "title";
  public static final String URL = "url";
  public static final String DATE = "date";

  /** Stored binary list of the passage's sentences (text, offsets, lines): what citations quote. */
  public static final String SENTENCES = "sentences";

  public static final String ORDINAL = "ordinal";

  /** Language-neutral field: ICU folding, so "To Lam", "Tô Lâm" and "TO LAM" match. */
  public static final String FOLDED = "text_fold";

  /** The article title, folded, on every passage: titles name the topic of every paragraph. */
  public static final String TITLE_FOLDED = "title_fold";

  /** Vector of the passage from the in-process embedding model (only when vectors are on). */
  public static final String VECTOR = "vector";

  // Article (manifest) documents: what decides whether a file must be read again.
  public static final String HASH = "hash";
  public static final String SIZE = "size";
  public static final String MODIFIED = "modified";
  public static final String PASSAGES = "passages";
  public static final String SKIPPED = "skipped";

  public static final String PASSAGE = "passage";
  public static final String ARTICLE = "article";

  /** The per-language field of {@code language}: text_vi, text_no, text_en (others: none). */
  public static String languageField(String language) {
    return Analyzers.LANGUAGES.contains(language) ? "text_" + language : null;
  }

  private Fields() {}
}
