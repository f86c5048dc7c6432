package dev.citebot.solr;

import dev.citebot.answer.Answer;
import dev.citebot.answer.Citation;

/** What two backends must agree on: whether a question is answered and where its first quote is. */
record FirstCitation(boolean grounded, String file, int firstLine, int lastLine) {
  static FirstCitation of(Answer a) {
    if (a.citations().isEmpty()) {
      return new FirstCitation(a.grounded(), "", 0, 0);
    }
    Citation c = a.citations().get(0);
    return new FirstCitation(a.grounded(), c.file(), c.firstLine(), c.lastLine());
  }
}
