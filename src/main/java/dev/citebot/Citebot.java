package dev.citebot;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.citebot.answer.Answer;
import dev.citebot.answer.AnswerRequest;
import dev.citebot.answer.Answerer;
import dev.citebot.answer.BadQuestionException;
import dev.citebot.answer.Conversation;
import dev.citebot.answer.ExtractiveAnswerer;
import dev.citebot.answer.FollowUpRewriter;
import dev.citebot.answer.LlmAnswerer;
import dev.citebot.config.CitebotConfig;
import dev.citebot.index.ArticleInfo;
import dev.citebot.index.CorpusIndex;
import dev.citebot.index.LucenePassageIndex;
import dev.citebot.index.PassageEmbedder;
import dev.citebot.ingest.ArticleReader;
import dev.citebot.ingest.LanguageDetector;
import dev.citebot.rank.AnswerModel;
import dev.citebot.rank.Candidate;
import dev.citebot.rank.CandidateFinder;
import dev.citebot.retrieve.HybridRetriever;
import dev.citebot.retrieve.QueryTranslator;
import dev.citebot.retrieve.RetrievedPassage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one engine behind every front end: the console and the Telegram bot both ask through {@link
 * #ask}, so neither has logic the other lacks.
 */
public final class Citebot implements AutoCloseable {
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\u200C\\u200D]]+");

  private final CitebotConfig config;
  private final LucenePassageIndex index;
  private final LanguageDetector languages;
  private final HybridRetriever retriever;
  private final Answerer extractive;
  private final LlmAnswerer llm; // null unless answer.mode is llm
  private final FollowUpRewriter followUps = new FollowUpRewriter();
  private final CandidateFinder candidates;

  private Citebot(
      CitebotConfig config,
      LucenePassageIndex index,
      LanguageDetector languages,
      PassageEmbedder embedder,
      AnswerModel model) {
    this.config = config;
    QueryTranslator translator = QueryTranslator.bundled();
    this.candidates = new CandidateFinder(index, translator);
    this.index = index;
    this.languages = languages;
    this.retriever =
        new HybridRetriever(
            index,
            languages,
            translator,
            embedder,
            config.retrieve().topK(),
            config.retrieve().rrfK());
    this.extractive =
        new ExtractiveAnswerer(
            candidates, index, model, config.answer().maxChars(), config.corpus());
    this.llm =
        config.answer().mode().equals("llm")
            ? LlmAnswerer.create(
                config,
                extractive,
                index.articles().stream().map(ArticleInfo::language).collect(Collectors.toSet()))
            : null;
  }

  /**
   * Opens the engine on the configured corpus, building or refreshing its index first.
   *
   * @param console receives progress and warning lines
   */
  public static Citebot open(CitebotConfig config, boolean rebuild, Consumer<String> console)
      throws IOException {
    Path nativeCache = config.indexDir().resolve("native");
    PassageEmbedder.keepTokenizerOffline(nativeCache);
    PassageEmbedder embedder =
        config.retrieve().vectors() ? new PassageEmbedder(nativeCache) : null;
    AnswerModel model = model(config);
    LanguageDetector languages = new LanguageDetector();
    LucenePassageIndex index =
        CorpusIndex.open(
            config.corpus(),
            config.indexDir(),
            new ArticleReader(config.ingest(), languages),
            embedder,
            rebuild,
            console);
    return new Citebot(config, index, languages, embedder, model);
  }

  /** The configured answer model, or the one in the jar. */
  private static AnswerModel model(CitebotConfig config) throws IOException {
    String file = config.answer().model();
    if (file.isBlank()) {
      return AnswerModel.bundled();
    }
    try {
      return AnswerModel.read(Path.of(file));
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw new IOException(
          "answer.model " + file + " is not a citebot model file: " + e.getMessage());
    }
  }

  /**
   * The candidate sentences of a question asked on its own, with their features, unscored: what the
   * training command fits the models on.
   */
  public List<Candidate> candidates(String question) {
    String clean = clean(question);
    String language = languages.detectQuestion(clean);
    int k = config.retrieve().topK();
    return candidates.candidates(clean, clean, language, retriever.search(clean, language, k));
  }

  public Conversation newConversation() {
    return new Conversation(config.answer().memoryTurns());
  }

  /**
   * Answers {@code question} in the context of {@code conversation} and remembers the turn.
   *
   * @throws BadQuestionException when the question is empty or too long
   */
  public Answer ask(Conversation conversation, String question) {
    return ask(conversation, question, null);
  }

  /**
   * As {@link #ask(Conversation, String)}; in llm mode the model's text also goes to {@code
   * onPartialText} while it is generated (not yet checked: the returned answer is what stands).
   */
  public Answer ask(Conversation conversation, String question, Consumer<String> onPartialText) {
    long t0 = System.nanoTime();
    String clean = clean(question);
    String standalone = followUps.standalone(clean, conversation);
    String language = languages.detectQuestion(clean);
    // A follow-up is most likely about the article the last answer came from.
    Set<String> onTopic =
        standalone.equals(clean)
            ? Set.of()
            : conversation
                .last()
                .flatMap(t -> t.answer().citations().stream().findFirst())
                .map(c -> Set.of(c.file()))
                .orElse(Set.of());
    int k = config.retrieve().topK();
    LlmAnswerer.Retrieval found =
        llm == null
            ? null
            : llm.retrieve(clean, standalone, language, conversation, retriever, k, onTopic);
    if (found != null) {
      standalone = found.standalone();
    }
    List<RetrievedPassage> passages =
        found != null ? found.passages() : retriever.search(standalone, language, k, onTopic);
    long t1 = System.nanoTime();
    AnswerRequest request = new AnswerRequest(clean, standalone, language, passages, conversation);
    Answer answer =
        found != null
            ? llm.answer(request, found.deadlineNanos(), onPartialText)
            : extractive.answer(request);
    long t2 = System.nanoTime();
    answer = answer.withTimings(new Answer.Timings(ms(t1 - t0), ms(t2 - t1), ms(t2 - t0)));
    conversation.add(new Conversation.Turn(clean, standalone, answer));
    return answer;
  }

  /** Control characters become spaces; an empty or oversized question is refused. */
  String clean(String question) {
    String clean = CONTROL.matcher(question == null ? "" : question).replaceAll(" ").strip();
    if (clean.isEmpty()) {
      throw new BadQuestionException("The question is empty.");
    }
    int max = config.answer().maxQuestionChars();
    if (clean.length() > max) {
      throw new BadQuestionException(
          "The question is too long: %d characters, the limit is %d."
              .formatted(clean.length(), max));
    }
    return clean;
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }

  /**
   * Lines {@code from}..{@code to} (1-based, inclusive, clamped to the file) of an indexed article.
   *
   * @throws FileNotFoundException when the file is not an article of the corpus (paths outside the
   *     corpus folder never are)
   */
  public Excerpt show(String file, int from, int to) throws IOException {
    ArticleInfo article =
        sources().stream()
            .filter(a -> a.file().equals(file.replace('\\', '/')))
            .findFirst()
            .orElseThrow(
                () ->
                    new FileNotFoundException(
                        file + " is not an article of " + config.corpus() + "."));
    // The file name comes from the index, so it cannot point outside the corpus; check anyway in
    // case the folder changed under us (a symlink swapped in).
    Path root = config.corpus().toRealPath();
    Path path = root.resolve(article.file()).toRealPath();
    if (!path.startsWith(root)) {
      throw new FileNotFoundException(file + " is outside the corpus folder.");
    }
    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    int first = Math.max(1, from);
    int last = Math.min(lines.size(), to);
    if (first > last) {
      throw new FileNotFoundException(
          "%s has %d lines; lines %d-%d do not exist.".formatted(file, lines.size(), from, to));
    }
    return new Excerpt(article, first, List.copyOf(lines.subList(first - 1, last)));
  }

  public List<ArticleInfo> sources() {
    return index.articles();
  }

  public CitebotConfig config() {
    return config;
  }

  public HybridRetriever retriever() {
    return retriever;
  }

  @Override
  public void close() throws IOException {
    if (llm != null) {
      llm.close();
    }
    index.close();
  }
}
