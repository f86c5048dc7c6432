package dev.citebot.solr;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.citebot.answer.Conversation;
import dev.citebot.answer.TurnStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * Conversation turns in a small collection of the same cluster ({@code <collection>_turns}, one
 * shard): one document per turn, the turn as JSON. Every write is soft-committed, so the next
 * question of the chat, whichever bot replica takes it, reads it.
 */
final class SolrTurnStore implements TurnStore {
  private static final String CHAT = "chat";
  private static final String SEQ = "seq";
  private static final String TURN = "turn";

  private final ObjectMapper json =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .registerModule(optionalDoubles());
  private final SolrClient client;
  private final String collection;
  private final List<String> urls;

  /** Turns are ordered by time of writing; the counter orders turns of one millisecond. */
  private final AtomicLong counter = new AtomicLong();

  SolrTurnStore(SolrClient client, String collection, List<String> urls) {
    this.client = client;
    this.collection = collection;
    this.urls = urls;
  }

  /** A citation's answer probability is an OptionalDouble: a number, or null when empty. */
  private static SimpleModule optionalDoubles() {
    return new SimpleModule()
        .addSerializer(
            OptionalDouble.class,
            new JsonSerializer<>() {
              @Override
              public void serialize(OptionalDouble v, JsonGenerator g, SerializerProvider p)
                  throws IOException {
                if (v.isPresent()) {
                  g.writeNumber(v.getAsDouble());
                } else {
                  g.writeNull();
                }
              }
            })
        .addDeserializer(
            OptionalDouble.class,
            new JsonDeserializer<>() {
              @Override
              public OptionalDouble deserialize(JsonParser p, DeserializationContext c)
                  throws IOException {
                return OptionalDouble.of(p.getDoubleValue());
              }

              @Override
              public OptionalDouble getNullValue(DeserializationContext c) {
                return OptionalDouble.empty();
              }

              @Override
              public Object getAbsentValue(DeserializationContext c) {
                return OptionalDouble.empty();
              }
            });
  }

  @Override
  public List<Conversation.Turn> turns(String id, int max) {
    List<Conversation.Turn> out = new ArrayList<>();
    for (SolrDocument d : newest(id, 0, max)) {
      try {
        out.add(json.readValue((String) d.getFieldValue(TURN), Conversation.Turn.class));
      } catch (IOException e) {
        throw new UncheckedIOException("a stored conversation turn is unreadable", e);
      }
    }
    Collections.reverse(out);
    return out;
  }

  @Override
  public void add(String id, Conversation.Turn turn, int max) {
    long seq = System.currentTimeMillis() * 1000 + counter.getAndIncrement() % 1000;
    SolrInputDocument d = new SolrInputDocument();
    d.setField(SolrFields.KEY, SolrFields.key(id, String.valueOf(seq)));
    d.setField(CHAT, id);
    d.setField(SEQ, seq);
    try {
      d.setField(TURN, json.writeValueAsString(turn));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    UpdateRequest add = new UpdateRequest();
    add.add(d);
    send(add);
    // Older turns than the last max are never read again: drop them.
    List<SolrDocument> beyond = newest(id, max, 1);
    if (!beyond.isEmpty()) {
      long last = ((Number) beyond.get(0).getFieldValue(SEQ)).longValue();
      send(
          new UpdateRequest()
              .deleteByQuery(chatQuery(id) + " AND " + SEQ + ":[* TO " + last + "]"));
    }
  }

  @Override
  public void clear(String id) {
    send(new UpdateRequest().deleteByQuery(chatQuery(id)));
  }

  private static String chatQuery(String id) {
    return CHAT + ":" + ClientUtils.escapeQueryChars(id);
  }

  private List<SolrDocument> newest(String id, int start, int rows) {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set(CommonParams.Q, "{!term f=" + CHAT + "}" + id);
    p.set(CommonParams.SORT, SEQ + " desc");
    p.set(CommonParams.START, start);
    p.set(CommonParams.ROWS, rows);
    p.set(CommonParams.FL, SEQ + "," + TURN);
    try {
      QueryResponse r = client.query(collection, p);
      return r.getResults();
    } catch (SolrServerException | IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  /** Sends {@code request} and makes it visible to every reader at once (a soft commit). */
  private void send(UpdateRequest request) {
    request.setAction(AbstractUpdateRequest.ACTION.COMMIT, false, true, true);
    try {
      request.process(client, collection);
    } catch (SolrServerException | IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  private RuntimeException failure(Exception e) {
    if (e instanceof RuntimeException r && !SolrFailures.isUnavailable(r)) {
      return r;
    }
    return SolrFailures.unchecked(urls, collection, e);
  }
}
