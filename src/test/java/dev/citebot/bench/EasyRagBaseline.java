package dev.citebot.bench;

import dev.citebot.cli.EvalReport;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Baseline (a), the "Easy RAG" set-up a Java user builds first from the LangChain4j docs: every
 * corpus file a {@link Document} (metadata {@code file_name}), {@code DocumentSplitters.recursive(
 * 300, 30)}, the in-process all-MiniLM-L6-v2 model (the quantized artifact the pom carries), an
 * {@link InMemoryEmbeddingStore}; the answer is the top segment's text and the citations are the
 * top five segments. To score citations each segment is mapped back to the lines of the file it was
 * cut from ({@link LineMap}).
 */
final class EasyRagBaseline implements QaSystem {
  static final int MAX_SEGMENT_CHARS = 300;
  static final int OVERLAP_CHARS = 30;

  private final EmbeddingModel model;
  private final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
  private int segments;
  private int unmapped;

  EasyRagBaseline(EmbeddingModel model, Path corpus) throws IOException {
    this.model = model;
    DocumentSplitter splitter = DocumentSplitters.recursive(MAX_SEGMENT_CHARS, OVERLAP_CHARS);
    List<Path> files;
    try (Stream<Path> s = Files.list(corpus)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    List<TextSegment> all = new ArrayList<>();
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String name = file.getFileName().toString();
      LineMap lines = new LineMap(text);
      int cursor = 0;
      for (TextSegment seg :
          splitter.split(Document.from(text, Metadata.from("file_name", name)))) {
        int[] range = lines.find(seg.text(), cursor);
        Metadata m = seg.metadata().copy();
        if (range == null) {
          unmapped++;
          m.put("first_line", 0).put("last_line", 0);
        } else {
          m.put("first_line", lines.lineOf(range[0]))
              .put("last_line", lines.lineOf(Math.max(range[0], range[1] - 1)));
          cursor = Math.max(cursor, range[0] + 1);
        }
        all.add(TextSegment.from(seg.text(), m));
      }
    }
    List<Embedding> embeddings = model.embedAll(all).content();
    store.addAll(embeddings, all);
    segments = all.size();
  }

  int segments() {
    return segments;
  }

  /** Segments whose text could not be found in their file (their citations never match). */
  int unmapped() {
    return unmapped;
  }

  @Override
  public Reply ask(String question) {
    long t0 = System.nanoTime();
    Embedding q = model.embed(question).content();
    List<EmbeddingMatch<TextSegment>> matches =
        store
            .search(EmbeddingSearchRequest.builder().queryEmbedding(q).maxResults(5).build())
            .matches();
    long t1 = System.nanoTime();
    List<EvalReport.Cite> cites = new ArrayList<>();
    for (EmbeddingMatch<TextSegment> m : matches) {
      Metadata md = m.embedded().metadata();
      cites.add(
          new EvalReport.Cite(
              md.getString("file_name"), md.getInteger("first_line"), md.getInteger("last_line")));
    }
    String answer = matches.isEmpty() ? "" : matches.get(0).embedded().text();
    return new Reply(answer, !matches.isEmpty(), cites, (t1 - t0) / 1e6);
  }
}
