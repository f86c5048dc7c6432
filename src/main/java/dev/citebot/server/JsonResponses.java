package dev.citebot.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.citebot.http.HttpRequestReader;
import java.nio.charset.StandardCharsets;

/** JSON bodies and complete error responses of the API: {@code {"error": "One sentence."}}. */
final class JsonResponses {
  static final String JSON = "application/json; charset=utf-8";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonResponses() {}

  static byte[] bytes(Object tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }

  static byte[] error(String message) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("error", message);
    return bytes(o);
  }

  /**
   * The complete response refusing a request the server could not read (too large, too slow,
   * malformed, every worker busy): a sentence per status, the same for every client.
   */
  static byte[] refusal(int status, String why) {
    String sentence =
        switch (status) {
          case 400 -> "The request is not well-formed HTTP.";
          case 408 -> "The request did not arrive in time.";
          case 411 -> "The request needs a Content-Length header (chunked bodies are not taken).";
          case 413 ->
              "The request body is too large: the limit is "
                  + WebServer.MAX_BODY_BYTES / 1024
                  + " KB.";
          case 431 -> "The request head is too large.";
          case 503 -> "The server is busy; try again in a second.";
          default -> "The server failed on this request.";
        };
    return response(status, sentence, status == 503 ? "Retry-After: 1\r\n" : "");
  }

  /** A complete error response; {@code extraHeaders} are whole lines ending in CR LF. */
  static byte[] response(int status, String message, String extraHeaders) {
    byte[] body = error(message);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + HttpRequestReader.reason(status)
            + "\r\nContent-Type: "
            + JSON
            + "\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n"
            + "X-Content-Type-Options: nosniff\r\n"
            + extraHeaders
            + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }
}
