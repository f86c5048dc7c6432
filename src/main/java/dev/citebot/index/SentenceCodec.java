package dev.citebot.index;

import dev.citebot.ingest.Sentence;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.BytesRef;

/**
 * Stores a passage's sentences (offsets, lines, verbatim text) as one compact binary field. Read
 * for every hit of every question, so it is plain ints and UTF-8 bytes rather than JSON.
 */
public final class SentenceCodec {
  private SentenceCodec() {}

  static BytesRef encode(List<Sentence> sentences) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(sentences.size());
      for (Sentence s : sentences) {
        out.writeInt(s.start());
        out.writeInt(s.end());
        out.writeInt(s.firstLine());
        out.writeInt(s.lastLine());
        byte[] text = s.text().getBytes(StandardCharsets.UTF_8);
        out.writeInt(text.length);
        out.write(text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return new BytesRef(bytes.toByteArray());
  }

  /** The sentences as bytes, for engines that store a byte array (Solr's binary field). */
  public static byte[] toBytes(List<Sentence> sentences) {
    return BytesRef.deepCopyOf(encode(sentences)).bytes;
  }

  public static List<Sentence> fromBytes(byte[] bytes) {
    return decode(new BytesRef(bytes));
  }

  static List<Sentence> decode(BytesRef ref) {
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(ref.bytes, ref.offset, ref.length))) {
      int n = in.readInt();
      List<Sentence> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int start = in.readInt();
        int end = in.readInt();
        int firstLine = in.readInt();
        int lastLine = in.readInt();
        byte[] text = in.readNBytes(in.readInt());
        out.add(
            new Sentence(
                new String(text, StandardCharsets.UTF_8), start, end, firstLine, lastLine));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("a stored passage is damaged", e);
    }
  }
}
