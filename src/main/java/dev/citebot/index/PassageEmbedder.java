package dev.citebot.index;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Path;
import java.util.List;

/**
 * Embeds passages and questions with the in-process MiniLM model that ships inside its Maven jar:
 * no download, no key. Loading it takes about a second, so it is created only when vectors are on.
 */
public final class PassageEmbedder {
  private final EmbeddingModel model;

  public PassageEmbedder(Path nativeCacheDir) {
    keepTokenizerOffline(nativeCacheDir);
    this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
  }

  /**
   * The tokenizer library under the model (DJL) reports usage and looks up cloud metadata unless
   * told not to, and unpacks its native library into ~/.djl.ai. Both are switched off here, before
   * its classes load: no network, and the native code goes under our own data folder.
   */
  public static void keepTokenizerOffline(Path nativeCacheDir) {
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("DJL_CACHE_DIR", nativeCacheDir.toAbsolutePath().toString());
    System.setProperty("ENGINE_CACHE_DIR", nativeCacheDir.toAbsolutePath().toString());
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
