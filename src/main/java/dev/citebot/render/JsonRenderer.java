package dev.citebot.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.citebot.answer.Answer;
import dev.citebot.answer.Citation;

/** The answer record of DESIGN.md as one line of JSON. */
public final class JsonRenderer {
  private final ObjectMapper json = new ObjectMapper();

  public String render(Answer a) {
    return write(tree(a));
  }

  /** The record as a tree, for front ends that add to it (the HTTP API adds "conversation"). */
  public ObjectNode tree(Answer a) {
    ObjectNode o = json.createObjectNode();
    o.put("question", a.question());
    o.put("answer", a.text());
    o.put("language", a.language());
    o.put("grounded", a.grounded());
    o.put("mode", a.mode());
    ArrayNode cites = o.putArray("citations");
    for (Citation c : a.citations()) {
      ObjectNode n = cites.addObject();
      n.put("n", c.n());
      n.put("file", c.file());
      n.put("title", c.title());
      if (!c.sourceUrl().isEmpty()) {
        n.put("url", c.sourceUrl());
      }
      n.putArray("lines").add(c.firstLine()).add(c.lastLine());
      n.put("quote", c.quote());
      n.put("score", c.retrievalScore());
      c.answerProbability().ifPresent(p -> n.put("answer_probability", p));
    }
    ObjectNode t = o.putObject("timings_ms");
    t.put("retrieve", a.timings().retrieveMs());
    t.put("answer", a.timings().answerMs());
    t.put("total", a.timings().totalMs());
    return o;
  }

  /** A question that could not be answered, so a batch keeps one line per question. */
  public String error(String question, String message) {
    ObjectNode o = json.createObjectNode();
    o.put("question", question);
    o.put("error", message);
    return write(o);
  }

  private String write(ObjectNode o) {
    try {
      return json.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }
}
