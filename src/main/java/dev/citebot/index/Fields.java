package dev.citebot.index;

/** Names of the Lucene fields, in one place so writer and searcher cannot drift apart. */
final class Fields {
  /** "passage" or "article": one index holds both kinds of document. */
  static final String TYPE = "type";

  /** Unique id: the file for an article document, file + '#' + ordinal for a passage. */
  static final String ID = "id";

  /** Relative file path; indexed as one term so a changed file's documents go in one delete. */
  static final String FILE = "file";

  static final String LANGUAGE = "lang";
  static final String TITLE = "title";
  static final String URL = "url";
  static final String DATE = "date";

  /** Stored binary list of the passage's sentences (text, offsets, lines): what citations quote. */
  static final String SENTENCES = "sentences";

  static final String ORDINAL = "ordinal";

  /** Language-neutral field: ICU folding, so "To Lam", "Tô Lâm" and "TO LAM" match. */
  static final String FOLDED = "text_fold";

  /** The article title, folded, on every passage: titles name the topic of every paragraph. */
  static final String TITLE_FOLDED = "title_fold";

  /** Vector of the passage from the in-process embedding model (only when vectors are on). */
  static final String VECTOR = "vector";

  // Article (manifest) documents: what decides whether a file must be read again.
  static final String HASH = "hash";
  static final String SIZE = "size";
  static final String MODIFIED = "modified";
  static final String PASSAGES = "passages";
  static final String SKIPPED = "skipped";

  static final String PASSAGE = "passage";
  static final String ARTICLE = "article";

  /** The per-language field of {@code language}: text_vi, text_no, text_en (others: none). */
  static String languageField(String language) {
    return Analyzers.LANGUAGES.contains(language) ? "text_" + language : null;
  }

  private Fields() {}
}
