package dev.citebot.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class FoldedAnalyzerTest {
  @Test
  void anEnglishPossessiveMeetsTheNameInAnyLanguage() throws IOException {
    assertThat(tokens("When were Luther’s works published?"))
        .contains("luther")
        .doesNotContain("luther’s", "luthers");
    assertThat(tokens("Warsaw's stock exchange")).contains("warsaw", "warsawstock");
  }

  @Test
  void foldsAccentsAndGluesNeighbours() throws IOException {
    assertThat(tokens("Hà Nội")).containsExactly("ha", "hanoi", "noi");
  }

  private static List<String> tokens(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (Analyzer a = new FoldedAnalyzer();
        TokenStream ts = a.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }
}
