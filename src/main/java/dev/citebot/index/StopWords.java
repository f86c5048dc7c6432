package dev.citebot.index;

import java.util.List;
import java.util.Set;

/**
 * Interrogatives and glue words of English, Vietnamese and Norwegian, folded. In a corpus of
 * several languages they would pull a question towards articles in its own language by their
 * grammar alone, and no answer sentence contains "what" or "hvilke"; so queries drop them.
 */
public final class StopWords {
  public static final Set<String> FOLDED =
      Set.copyOf(
          List.of(
              "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "many",
              "much", "did", "does", "do", "is", "are", "was", "were", "the", "a", "an", "of", "in",
              "on", "to", "for", "and", "or", "by", "with", "at", "from", "as", "that", "this",
              "it", "its", "be", "been", "has", "have", "had", "there", "their", "they", "them",
              "he", "she", "his", "her", "can", "could", "would", "should", "name", "called",
              "kind", "type", "also", "gi", "nao", "ai", "khi", "bao", "nhieu", "dau", "sao", "tai",
              "la", "co", "nhung", "cac", "cua", "va", "duoc", "da", "trong", "nhu", "mot", "cho",
              "voi", "ve", "o", "khong", "nay", "thi", "ma", "nguoi", "hay", "con", "vao", "luc",
              "hva", "hvem", "nar", "hvor", "hvilke", "hvilken", "hvilket", "hvordan", "hvorfor",
              "mange", "mye", "ble", "er", "var", "og", "i", "pa", "av", "til", "det", "den", "de",
              "en", "et", "som", "med", "har", "hadde", "om", "fra", "ved", "seg", "sin", "mellom",
              "ogsa", "dem", "deres"));

  private StopWords() {}
}
