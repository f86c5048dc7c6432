package dev.citebot;

import dev.citebot.answer.Answer;
import dev.citebot.answer.AnswerRequest;
import dev.citebot.answer.Answerer;
import dev.citebot.answer.Answering;
import dev.citebot.answer.BadQuestionException;
import dev.citebot.answer.ChatHistory;
import dev.citebot.answer.Citation;
import dev.citebot.answer.Conversation;
import dev.citebot.answer.ExtractiveAnswerer;
import dev.citebot.answer.FollowUpRewriter;
import dev.citebot.answer.TurnStore;
import dev.citebot.config.CitebotConfig;
import dev.citebot.config.ConfigException;
import dev.citebot.index.ArticleInfo;
import dev.citebot.index.CorpusIndex;
import dev.citebot.index.Hashes;
import dev.citebot.index.IndexDamagedException;
import dev.citebot.index.IndexStore;
import dev.citebot.index.IndexUnavailableException;
import dev.citebot.index.PassageEmbedder;
import dev.citebot.index.PassageIndex;
import dev.citebot.ingest.ArticleReader;
import dev.citebot.ingest.CorpusFiles;
import dev.citebot.ingest.LanguageDetector;
import dev.citebot.rank.AnswerModel;
import dev.citebot.rank.Candidate;
import dev.citebot.rank.CandidateFinder;
import dev.citebot.retrieve.HybridRetriever;
import dev.citebot.retrieve.QueryTranslator;
import dev.citebot.retrieve.RetrievalPipeline;
import dev.citebot.retrieve.RetrievalRequest;
import dev.citebot.retrieve.Retrieved;
import dev.citebot.solr.SolrIndexStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one engine behind every front end: the console, the Telegram bot and {@code serve} all ask
 * through {@link #ask}, so none has logic the others lack.
 *
 * <p>A question goes through one pipeline whatever the mode: made standalone (follow-ups), its
 * language told, retrieved ({@link RetrievalPipeline}: the mode's query rewriting, hybrid search,
 * fusion), answered (the mode's answerer over the extractive one), remembered.
 *
 * <p>The index and what is built on it (retrieval, answerers) form one {@link Snapshot}; {@link
 * #refresh} builds a new index generation beside the one in use and swaps the snapshot when it is
 * complete. Each question leases one snapshot, so answers in flight finish on the index they
 * started with, which is closed after them.
 */
public final class Citebot implements AutoCloseable {
  /** Prior: a follow-up of up to this many words is mostly the name it asks about. */
  private static final int SHORT_FOLLOW_UP = 4;

  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\u200C\\u200D]]+");

  /** The open index and the parts that read it, replaced together. */
  private record Snapshot(
      PassageIndex index,
      RetrievalPipeline retrieval,
      Answerer answerer,
      CandidateFinder candidates)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      index.close();
    }
  }

  /**
   * An answer and, for each file it cites, the SHA-256 of the file as the index held it when the
   * answer was made: a later look at the cited lines can tell whether the file changed since.
   */
  public record Versioned(Answer answer, Map<String, String> versions) {}

  private final CitebotConfig config;
  private final IndexStore store;
  private final TurnStore turns; // null: conversations live in this process only
  private final LanguageDetector languages;
  private final PassageEmbedder embedder;
  private final AnswerModel model;
  private final QueryTranslator translator = QueryTranslator.bundled();
  private final Holder<Snapshot> snapshots;
  private final Answering answering;
  private final FollowUpRewriter followUps = new FollowUpRewriter();
  private final Consumer<String> console;
  private final Object refreshing = new Object();
  private final AtomicBoolean damageSeen = new AtomicBoolean();
  private volatile String indexFailure;

  private Citebot(
      CitebotConfig config,
      IndexStore store,
      TurnStore turns,
      IndexStore.Update refreshed,
      PassageIndex index,
      LanguageDetector languages,
      PassageEmbedder embedder,
      AnswerModel model,
      Consumer<String> console) {
    this.config = config;
    this.model = model;
    this.store = store;
    this.turns = turns;
    this.languages = languages;
    this.embedder = embedder;
    this.console = console;
    this.indexFailure = refreshed.failure();
    this.answering =
        Answering.of(
            config,
            index.articles().stream().map(ArticleInfo::language).collect(Collectors.toSet()));
    this.snapshots =
        new Holder<>(
            snapshot(index),
            e -> console.accept("Could not close an old index: " + e.getMessage()));
  }

  private Snapshot snapshot(PassageIndex index) {
    CandidateFinder candidates = new CandidateFinder(index, translator);
    HybridRetriever retriever =
        new HybridRetriever(index, translator, embedder, config.retrieve().rrfK());
    ExtractiveAnswerer extractive =
        new ExtractiveAnswerer(
            candidates, index, model, config.answer().maxChars(), config.corpus());
    return new Snapshot(
        index,
        new RetrievalPipeline(
            answering.queryRewriter(),
            retriever,
            config.retrieve().topK(),
            config.retrieve().rrfK()),
        answering.answerer(extractive),
        candidates);
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
    ArticleReader reader = new ArticleReader(config.ingest(), languages);
    SolrIndexStore solr =
        config.solrBackend() ? SolrIndexStore.open(config, reader, embedder, console) : null;
    IndexStore store =
        solr != null
            ? solr
            : new CorpusIndex(config.corpus(), config.indexDir(), reader, embedder, console);
    try {
      TurnStore turns = solr == null ? null : solr.turns();
      IndexStore.Update refreshed = store.update(rebuild, true);
      PassageIndex index = store.open(refreshed.version());
      return new Citebot(
          config, store, turns, refreshed, index, languages, embedder, model, console);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The configured answer model, or the one in the jar. */
  private static AnswerModel model(CitebotConfig config) {
    String file = config.answer().model();
    if (file.isBlank()) {
      return AnswerModel.bundled();
    }
    try {
      return AnswerModel.read(Path.of(file));
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(
          "answer.model " + file + " cannot be used as a citebot model file (" + reason(e) + ").");
    }
  }

  private static String reason(Exception e) {
    return e instanceof java.nio.file.NoSuchFileException
        ? "no such file"
        : String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable");
  }

  /**
   * The candidate sentences of a question asked on its own, with their features, unscored: what the
   * training command fits the models on.
   */
  public List<Candidate> candidates(String question) {
    String clean = clean(question);
    String language = languages.detectQuestion(clean);
    try (Holder.Lease<Snapshot> lease = snapshots.acquire()) {
      Snapshot s = lease.get();
      Retrieved found = retrieve(s, clean, language);
      return s.candidates().candidates(clean, clean, language, found.passages());
    }
  }

  /** What retrieval finds for a question asked on its own. */
  public Retrieved retrieve(String question) {
    String clean = clean(question);
    try (Holder.Lease<Snapshot> lease = snapshots.acquire()) {
      return retrieve(lease.get(), clean, languages.detectQuestion(clean));
    }
  }

  private static Retrieved retrieve(Snapshot s, String question, String language) {
    return s.retrieval()
        .retrieve(new RetrievalRequest(question, question, language, List.of(), Set.of()));
  }

  /**
   * Brings the index up to date with the corpus: changed files are indexed into a new generation
   * beside the one in use, and questions switch to it when it is complete (also when another
   * citebot published it). Never interrupts answers in flight. Failures leave the current index in
   * use and are reported to the console in one sentence.
   *
   * @return whether questions now read a new index
   */
  public boolean refresh() {
    synchronized (refreshing) {
      try {
        IndexStore.Update r = store.update(false, damageSeen.getAndSet(false));
        indexFailure = r.failure();
        if (r.version().equals(snapshots.peek().index().version())) {
          return false;
        }
        Snapshot next = snapshot(store.open(r.version()));
        snapshots.swap(next);
        console.accept(
            "Answering from the new index of %s (%d articles)."
                .formatted(config.corpus(), next.index().articles().size()));
        return true;
      } catch (IOException | RuntimeException e) {
        if (interrupted(e)) {
          return false; // stopping: the half-built generation was dropped, nothing to report
        }
        damageSeen.compareAndSet(false, e instanceof IndexDamagedException);
        console.accept(
            e instanceof IndexUnavailableException || e instanceof IndexDamagedException
                ? e.getMessage()
                : "Could not refresh the index of %s: %s."
                    .formatted(config.corpus(), e.getMessage()));
        return false;
      }
    }
  }

  private static boolean interrupted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof java.nio.channels.ClosedByInterruptException
          || t instanceof org.apache.lucene.util.ThreadInterruptedException) {
        return true;
      }
    }
    return Thread.currentThread().isInterrupted();
  }

  /**
   * Why the last refresh could not write the index (the last complete one is in use), or empty when
   * it is up to date.
   */
  public Optional<String> indexFailure() {
    return Optional.ofNullable(indexFailure);
  }

  public Conversation newConversation() {
    return new Conversation(config.answer().memoryTurns());
  }

  /**
   * The conversation {@code id} of a front end ("telegram" chats, "web" conversations of {@code
   * serve}). With the solr backend its turns live in the cluster, so any replica continues it;
   * otherwise in this process.
   */
  public Conversation conversation(String frontEnd, long id) {
    return turns == null
        ? newConversation()
        : new Conversation(config.answer().memoryTurns(), turns, frontEnd + ":" + id);
  }

  /** Whether every replica of this engine reads the same conversations (the solr backend). */
  public boolean sharesConversations() {
    return turns != null;
  }

  /**
   * Answers {@code question} in the context of {@code conversation} and remembers the turn.
   *
   * @throws BadQuestionException when the question is empty or too long
   */
  public Answer ask(Conversation conversation, String question) {
    return ask(conversation, question, AnswerRequest.NO_PARTIAL_TEXT);
  }

  /**
   * As {@link #ask(Conversation, String)}; in llm mode the model's text also goes to {@code
   * onPartialText} while it is generated (not yet checked: the returned answer is what stands).
   * {@link AnswerRequest#NO_PARTIAL_TEXT} when nobody reads it.
   */
  public Answer ask(Conversation conversation, String question, Consumer<String> onPartialText) {
    return askVersioned(conversation, question, onPartialText).answer();
  }

  /** As {@link #ask(Conversation, String)}, with the version of every cited file as quoted. */
  public Versioned askVersioned(Conversation conversation, String question) {
    return askVersioned(conversation, question, AnswerRequest.NO_PARTIAL_TEXT);
  }

  /**
   * As {@link #ask(Conversation, String, Consumer)}, with the version of every cited file as the
   * answer quoted it.
   */
  public Versioned askVersioned(
      Conversation conversation, String question, Consumer<String> onPartialText) {
    try (Holder.Lease<Snapshot> lease = snapshots.acquire()) {
      Answer answer = ask(lease.get(), conversation, question, onPartialText);
      Map<String, String> versions = new LinkedHashMap<>();
      for (Citation c : answer.citations()) {
        lease.get().index().contentHash(c.file()).ifPresent(h -> versions.put(c.file(), h));
      }
      return new Versioned(answer, Map.copyOf(versions));
    } catch (IndexDamagedException e) {
      damageSeen.set(true); // the next refresh checks the index and sets it aside
      throw e;
    } catch (java.io.UncheckedIOException e) {
      throw unavailable(e);
    }
  }

  /** A read that found no index to answer from becomes one sentence the front ends can show. */
  private static RuntimeException unavailable(java.io.UncheckedIOException e) {
    return e.getCause() instanceof IndexUnavailableException u
        ? new EngineUnavailableException(u.getMessage(), u)
        : e;
  }

  private Answer ask(
      Snapshot snapshot,
      Conversation conversation,
      String question,
      Consumer<String> onPartialText) {
    long t0 = System.nanoTime();
    String clean = clean(question);
    String standalone = followUps.standalone(clean, conversation);
    String language = language(clean, standalone, conversation);
    // A follow-up is most likely about the article the last answer came from.
    Set<String> onTopic =
        standalone.equals(clean)
            ? Set.of()
            : conversation
                .last()
                .flatMap(t -> t.answer().citations().stream().findFirst())
                .map(c -> Set.of(c.file()))
                .orElse(Set.of());
    Retrieved found =
        snapshot
            .retrieval()
            .retrieve(
                new RetrievalRequest(
                    clean, standalone, language, ChatHistory.of(conversation), onTopic));
    long t1 = System.nanoTime();
    AnswerRequest request =
        new AnswerRequest(
            clean, found.standalone(), language, found.passages(), conversation, t0, onPartialText);
    Answer answer = snapshot.answerer().answer(request);
    long t2 = System.nanoTime();
    answer = answer.withTimings(new Answer.Timings(ms(t1 - t0), ms(t2 - t1), ms(t2 - t0)));
    conversation.add(new Conversation.Turn(clean, found.standalone(), answer));
    return answer;
  }

  /**
   * The question's language; a short follow-up ("Hva med Belarus?") is mostly a name, too little to
   * tell its language by, so it is taken to be in the conversation's language.
   */
  private String language(String clean, String standalone, Conversation conversation) {
    if (!standalone.equals(clean) && clean.split("\\s+").length <= SHORT_FOLLOW_UP) {
      var last = conversation.last();
      if (last.isPresent()) {
        return last.get().answer().language();
      }
    }
    return languages.detectQuestion(clean);
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
   * Lines {@code from}..{@code to} (1-based, inclusive, clamped to the file) of an indexed article,
   * as the index holds it. Messages name files as the corpus does (relative), never by a path of
   * this machine: they reach Telegram users.
   *
   * @param file the article's name relative to the corpus, as cited ('/' separated; a '\\' is taken
   *     as a separator only when no article has the name as given)
   * @throws FileNotFoundException when the file is not an article of the corpus (paths outside the
   *     corpus folder never are)
   * @throws ArticleChangedException when the file changed since it was indexed: its lines are not
   *     the ones citations of it name
   */
  public Excerpt show(String file, int from, int to) throws IOException {
    return show(file, from, to, null);
  }

  /**
   * As {@link #show(String, int, int)} for a citation made from {@code version} of the file.
   *
   * @param version the file's SHA-256 (hex, or a prefix of it) when it was cited, see {@link
   *     Versioned}; null for the version the index holds now
   * @throws ArticleChangedException when the file is no longer that version
   */
  public Excerpt show(String file, int from, int to, String version) throws IOException {
    Excerpt excerpt = lines(file, from, to);
    String name = excerpt.article().file();
    String expected = version;
    if (expected == null) {
      try (Holder.Lease<Snapshot> lease = snapshots.acquire()) {
        expected = lease.get().index().contentHash(name).orElse("");
      } catch (java.io.UncheckedIOException e) {
        throw unavailable(e);
      }
    }
    if (!expected.isEmpty()
        && !Hashes.sha256(config.corpus().toRealPath().resolve(name)).startsWith(expected)) {
      throw new ArticleChangedException(
          "%s has changed since %s; ask again to cite its current lines."
              .formatted(name, version == null ? "it was indexed" : "this answer"));
    }
    return excerpt;
  }

  private Excerpt lines(String file, int from, int to) throws IOException {
    ArticleInfo article =
        article(file)
            .or(() -> file.indexOf('\\') >= 0 ? article(file.replace('\\', '/')) : Optional.empty())
            .orElseThrow(
                () -> new FileNotFoundException(file + " is not an article of the corpus."));
    // The file name comes from the index, so it cannot point outside the corpus; check anyway in
    // case the folder changed under us (a symlink swapped in).
    List<String> lines;
    try {
      lines =
          Files.readAllLines(
              CorpusFiles.inside(config.corpus(), article.file()), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) { // its message is the absolute path
      throw new FileNotFoundException(article.file() + " is no longer in the corpus.");
    }
    int first = Math.max(1, from);
    int last = Math.min(lines.size(), to);
    if (first > lines.size()) {
      throw new FileNotFoundException(
          "%s has only %d lines.".formatted(article.file(), lines.size()));
    }
    if (first > last) {
      throw new FileNotFoundException(
          "Lines %d-%d of %s: the first line comes after the last."
              .formatted(from, to, article.file()));
    }
    return new Excerpt(article, first, List.copyOf(lines.subList(first - 1, last)));
  }

  private Optional<ArticleInfo> article(String file) {
    return sources().stream().filter(a -> a.file().equals(file)).findFirst();
  }

  public List<ArticleInfo> sources() {
    try (Holder.Lease<Snapshot> lease = snapshots.acquire()) {
      return lease.get().index().articles();
    } catch (java.io.UncheckedIOException e) {
      throw unavailable(e);
    }
  }

  public CitebotConfig config() {
    return config;
  }

  @Override
  public void close() throws IOException {
    synchronized (refreshing) {
      answering.close();
      try (store) {
        snapshots.close();
      }
    }
  }
}
