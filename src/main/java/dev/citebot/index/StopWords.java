package dev.citebot.index;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Interrogatives and glue words of English, Vietnamese and Norwegian. In a corpus of several
 * languages they would pull a question towards articles in its own language by their grammar alone,
 * and no answer sentence contains "what" or "hvilke"; so queries drop them.
 *
 * <p>The words are kept as written because folding merges Vietnamese words: "thì" (then) and "thị"
 * (đồ thị, graph), "đâu" (where) and "dầu" (oil), "lúc" (moment) and "lực" (force) all fold to one
 * spelling. A word written with accents is a glue word only when it is that very word; a word
 * written without any (a question typed on a keyboard without Vietnamese input) may be any word
 * that folds to it, so it is compared folded.
 */
public final class StopWords {
  /** Lower case, NFC, as ICU normalization leaves them. */
  static final Set<String> WRITTEN =
      Set.copyOf(
          List.of(
              "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "many",
              "much", "did", "does", "do", "is", "are", "was", "were", "the", "a", "an", "of", "in",
              "on", "to", "for", "and", "or", "by", "with", "at", "from", "as", "that", "this",
              "it", "its", "be", "been", "has", "have", "had", "there", "their", "they", "them",
              "he", "she", "his", "her", "can", "could", "would", "should", "name", "called",
              "kind", "type", "also", "gì", "nào", "ai", "khi", "bao", "nhiêu", "đâu", "sao", "tại",
              "là", "có", "những", "các", "của", "và", "được", "đã", "trong", "như", "một", "cho",
              "với", "về", "ở", "không", "này", "thì", "mà", "người", "hay", "còn", "vào", "lúc",
              "ấy", "họ", "nó", "đó", "chúng", "tên", "gọi", "loại", "hva", "hvem", "når", "hvor",
              "hvilke", "hvilken", "hvilket", "hvordan", "hvorfor", "mange", "mye", "ble", "er",
              "var", "og", "i", "på", "av", "til", "det", "den", "de", "en", "et", "som", "med",
              "har", "hadde", "om", "fra", "ved", "seg", "sin", "mellom", "også", "dem", "deres",
              "han", "hun", "hans", "hennes", "dette", "disse", "navn", "kalt", "slags"));

  static final Set<String> FOLDED =
      WRITTEN.stream().map(Folding::fold).collect(Collectors.toUnmodifiableSet());

  private StopWords() {}

  /** Whether {@code word} (lower case, as analysis leaves it) is a glue word. */
  public static boolean contains(String word) {
    if (WRITTEN.contains(word)) {
      return true;
    }
    String folded = Folding.fold(word);
    return folded.equals(word) && FOLDED.contains(folded);
  }
}
