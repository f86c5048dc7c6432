package dev.citebot.bench;

import dev.citebot.cli.EvalReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Baseline (b), plain Lucene: {@link StandardAnalyzer} (no language-specific analysis), BM25 (the
 * default similarity), one document per paragraph (a non-empty line of a corpus file), the question
 * turned into a disjunction of its terms by {@link QueryBuilder}. The answer is the top paragraph;
 * the citations are the top five paragraphs with their line.
 */
final class LuceneBm25Baseline implements QaSystem {
  private final StandardAnalyzer analyzer = new StandardAnalyzer();
  private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final QueryBuilder queries = new QueryBuilder(analyzer);
  private final int paragraphs;

  LuceneBm25Baseline(Path corpus) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(corpus)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    int count = 0;
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
      for (Path file : files) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).isBlank()) {
            continue;
          }
          Document d = new Document();
          d.add(new StringField("file", file.getFileName().toString(), Field.Store.YES));
          d.add(new StoredField("line", i + 1));
          d.add(new TextField("text", lines.get(i), Field.Store.YES));
          w.addDocument(d);
          count++;
        }
      }
    }
    paragraphs = count;
    reader = DirectoryReader.open(dir);
    searcher = new IndexSearcher(reader);
  }

  int paragraphs() {
    return paragraphs;
  }

  @Override
  public Reply ask(String question) {
    long t0 = System.nanoTime();
    try {
      Query q = queries.createBooleanQuery("text", question);
      List<EvalReport.Cite> cites = new ArrayList<>();
      String answer = "";
      if (q != null) {
        ScoreDoc[] top = searcher.search(q, 5).scoreDocs;
        for (int i = 0; i < top.length; i++) {
          Document d = searcher.storedFields().document(top[i].doc);
          int line = d.getField("line").numericValue().intValue();
          cites.add(new EvalReport.Cite(d.get("file"), line, line));
          if (i == 0) {
            answer = d.get("text");
          }
        }
      }
      long t1 = System.nanoTime();
      return new Reply(answer, !cites.isEmpty(), cites, (t1 - t0) / 1e6);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
    dir.close();
  }
}
