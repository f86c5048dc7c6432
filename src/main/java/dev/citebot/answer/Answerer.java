package dev.citebot.answer;

/** Turns retrieved passages into an answer whose every [n] is a checked citation. */
public interface Answerer {
  Answer answer(AnswerRequest request);
}
