package dev.citebot.rank;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The two learned models of the extractive answerer, read from one JSON file written by the
 * training command ({@code bench/train}, which also records there what they were fitted on and
 * their held-out scores):
 *
 * <ul>
 *   <li>the ranker: a linear score over {@link SentenceFeatures}, fitted so that the sentence
 *       holding the answer outscores the other candidates of its question;
 *   <li>the answerability model: a logistic regression giving the probability that the best
 *       sentence answers the question, from its features, its ranker score and its lead over the
 *       next sentence; below {@code refuseBelow} (see {@link RefusalThresholds}) citebot says the
 *       articles do not answer.
 * </ul>
 */
public record AnswerModel(
    LinearModel ranker, LinearModel answerability, RefusalThresholds refuseBelow, JsonNode about)
    implements SentenceScorer {

  /**
   * The best sentence's features the answerability model reads: those that mean the same in any
   * corpus (how much of the question, its names and numbers the sentence and passage hold, across
   * languages too), not those that describe XQuAD's layout (titles, positions, lengths, BM25
   * shares), which let a refusal model fitted on XQuAD pass near misses in news articles.
   */
  static final List<String> ANSWERABILITY_SENTENCE_FEATURES =
      List.of(
          "coverSentence",
          "coverParagraph",
          "supportSentence",
          "supportPassage",
          "typeWhen",
          "typeNumber",
          "typeWho",
          "crossLanguage",
          "coverSentenceCross",
          "conceptsCross",
          "numbers",
          "namesSentence",
          "namesPassage");

  /** The answerability model's inputs: those features, the ranker's score and its lead. */
  public static final List<String> ANSWERABILITY_FEATURES =
      Stream.concat(ANSWERABILITY_SENTENCE_FEATURES.stream(), Stream.of("rankerScore", "lead"))
          .toList();

  private static final int[] ANSWERABILITY_INDEX =
      ANSWERABILITY_SENTENCE_FEATURES.stream().mapToInt(SentenceFeatures.NAMES::indexOf).toArray();

  /** Where the model that ships in the jar lives. */
  public static final String BUNDLED = "/models/answer-model.json";

  /**
   * The model is read with Jackson's streaming parser, as the configuration is: databind's object
   * mapper would add some 350 classes (about 0.1 s) to every one-shot {@code ask}.
   */
  private static final JsonFactory JSON = new JsonFactory();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public AnswerModel {
    check("ranker", ranker, SentenceFeatures.NAMES);
    check("answerability", answerability, ANSWERABILITY_FEATURES);
  }

  private static void check(String what, LinearModel m, List<String> expected) {
    if (!m.features().equals(expected)) {
      throw new IllegalArgumentException(
          "The "
              + what
              + " model was trained on other features than this version computes; run bench/train.");
    }
  }

  @Override
  public double score(SentenceFeatures features) {
    return ranker.apply(features.values());
  }

  /**
   * The probability that {@code best} answers the question.
   *
   * @param lead its ranker score minus that of the next distinct sentence (0 when there is none)
   */
  public double answerable(SentenceFeatures best, double rankerScore, double lead) {
    return answerability.probability(answerabilityInput(best.values(), rankerScore, lead));
  }

  /** The answerability model's input vector (see {@link #ANSWERABILITY_FEATURES}). */
  public static double[] answerabilityInput(double[] features, double rankerScore, double lead) {
    double[] x = new double[ANSWERABILITY_INDEX.length + 2];
    for (int i = 0; i < ANSWERABILITY_INDEX.length; i++) {
      x[i] = features[ANSWERABILITY_INDEX[i]];
    }
    x[x.length - 2] = rankerScore;
    x[x.length - 1] = lead;
    return x;
  }

  public static AnswerModel bundled() {
    try (InputStream in = AnswerModel.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException(BUNDLED + " is missing from the jar");
      }
      try (JsonParser p = JSON.createParser(in)) {
        return parse(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a model file of this version
   */
  public static AnswerModel read(Path file) throws IOException {
    try (JsonParser p = JSON.createParser(Files.readString(file, StandardCharsets.UTF_8))) {
      return parse(p);
    }
  }

  private static AnswerModel parse(JsonParser p) throws IOException {
    LinearModel ranker = null;
    LinearModel answerability = null;
    RefusalThresholds refuseBelow = RefusalThresholds.both(0);
    JsonNode about = null;
    if (p.nextToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "ranker" -> ranker = value == JsonToken.START_OBJECT ? linear(p) : null;
          case "answerability" ->
              answerability = value == JsonToken.START_OBJECT ? linear(p) : null;
          case "refuse_below" -> refuseBelow = thresholds(p);
          case "about" -> about = tree(p);
          default -> p.skipChildren();
        }
      }
    }
    if (ranker == null || answerability == null) {
      throw new IllegalArgumentException("not a citebot answer model (no ranker/answerability)");
    }
    return new AnswerModel(ranker, answerability, refuseBelow, about);
  }

  /** Two thresholds; a single number (a model file of the previous version) serves both. */
  private static RefusalThresholds thresholds(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return RefusalThresholds.both(p.getValueAsDouble());
    }
    double same = 0;
    double cross = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "same_language" -> same = p.getValueAsDouble();
        case "cross_language" -> cross = p.getValueAsDouble();
        default -> p.skipChildren();
      }
    }
    return new RefusalThresholds(same, cross);
  }

  /** {"bias": b, "weights": {"feature": w, ...}}, the parser on its opening brace. */
  private static LinearModel linear(JsonParser p) throws IOException {
    List<String> names = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    double bias = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("bias")) {
        bias = p.getValueAsDouble();
      } else if (field.equals("weights") && value == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          names.add(p.currentName());
          p.nextToken();
          weights.add(p.getValueAsDouble());
        }
      } else {
        p.skipChildren();
      }
    }
    return new LinearModel(
        names, weights.stream().mapToDouble(Double::doubleValue).toArray(), bias);
  }

  /** The value under the parser as a tree (the model's "about" record, for people to read). */
  private static JsonNode tree(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          o.set(field, tree(p));
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(tree(p));
        }
        return a;
      }
      case VALUE_STRING -> {
        return NODES.textNode(p.getText());
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(p.getDecimalValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(p.getBooleanValue());
      }
      default -> {
        return NODES.nullNode();
      }
    }
  }

  /** The model as its JSON file: weights by feature name, so a reader sees what each one weighs. */
  public ObjectNode toJson() {
    ObjectNode root = NODES.objectNode();
    root.set("about", about == null ? NODES.objectNode() : about);
    root.putObject("refuse_below")
        .put("same_language", refuseBelow.sameLanguage())
        .put("cross_language", refuseBelow.crossLanguage());
    root.set("ranker", json(ranker));
    root.set("answerability", json(answerability));
    return root;
  }

  private static ObjectNode json(LinearModel m) {
    ObjectNode o = NODES.objectNode();
    o.put("bias", m.bias());
    ObjectNode w = o.putObject("weights");
    for (int i = 0; i < m.features().size(); i++) {
      w.put(m.features().get(i), m.weights()[i]);
    }
    return o;
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(
        file,
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n",
        StandardCharsets.UTF_8);
  }
}
