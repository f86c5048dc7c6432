package dev.citebot.bench;

import dev.citebot.Citebot;
import dev.citebot.answer.Answer;
import dev.citebot.config.CitebotConfig;
import dev.citebot.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * citebot through its facade, configured the way a user would: environment overrides on top of
 * config/citebot.yaml. Each question is asked in a new conversation (no follow-up context).
 */
final class CitebotSystem implements QaSystem {
  private final Citebot bot;

  private CitebotSystem(Citebot bot) {
    this.bot = bot;
  }

  /**
   * @param vectors CITEBOT_RETRIEVE_VECTORS
   * @param model CITEBOT_ANSWER_MODEL (a model file), or null for the one in the jar
   */
  static CitebotSystem open(Path corpus, Path indexDir, boolean vectors, Path model)
      throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("CITEBOT_CORPUS", corpus.toString());
    env.put("CITEBOT_INDEX_DIR", indexDir.toString());
    env.put("CITEBOT_RETRIEVE_VECTORS", Boolean.toString(vectors));
    if (model != null) {
      env.put("CITEBOT_ANSWER_MODEL", model.toString());
    }
    CitebotConfig config = new ConfigLoader(env).load(null);
    return new CitebotSystem(Citebot.open(config, false, line -> {}));
  }

  @Override
  public Reply ask(String question) {
    return Reply.of(answer(question));
  }

  Citebot bot() {
    return bot;
  }

  Answer answer(String question) {
    return bot.ask(bot.newConversation(), question);
  }

  @Override
  public void close() throws IOException {
    bot.close();
  }
}
