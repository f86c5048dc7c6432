package dev.citebot.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one HTTP/1.x request from a socket within a deadline and size limits, so that a client that
 * sends half a head, or declares a body it never sends, costs at most the deadline. Only what the
 * webhook and the HTTP API need: a request line, headers, and a body of a declared Content-Length
 * (no chunked bodies, no keep-alive).
 */
public final class HttpRequestReader {
  /** A request that cannot be served; {@code status} is the response to send, 0 for none. */
  public static final class Refused extends Exception {
    public final int status;

    public Refused(int status, String why) {
      super(why, null, false, false);
      this.status = status;
    }
  }

  /**
   * A request head.
   *
   * @param headers by lower-case name, every value in order
   */
  public record Head(String method, String target, Map<String, List<String>> headers) {
    /** The only value of header {@code name}, null when absent. */
    public String single(String name) throws Refused {
      List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
      if (values.size() > 1) {
        throw new Refused(400, "header " + name + " given twice");
      }
      return values.isEmpty() ? null : values.get(0);
    }

    /** The path of the request target, without the query. */
    public String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }
  }

  private static final int MAX_HEADERS = 100;

  /** A header name: an RFC 9110 token. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final Socket socket;
  private final InputStream in;
  private final long deadlineNanos;
  private final byte[] buffer = new byte[4096];
  private int pos;
  private int end;

  /** Reads from {@code socket}, which must answer within {@code deadlineNanos} (nanoTime). */
  public HttpRequestReader(Socket socket, long deadlineNanos) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * Reads the request line and headers.
   *
   * @throws Refused 400 for a malformed head, 431 past {@code maxBytes}, 408 past the deadline, 0
   *     when the client closed first
   */
  public Head head(int maxBytes) throws IOException, Refused {
    int[] budget = {maxBytes};
    String requestLine = line(budget);
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || parts[0].isEmpty()) {
      throw new Refused(400, "not an HTTP/1.x request line");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int count = 0;
    for (String line; !(line = line(budget)).isEmpty(); ) {
      int colon = line.indexOf(':');
      // A folded line (leading space) or a name with spaces is how request smuggling starts.
      if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
        throw new Refused(400, "malformed header line");
      }
      if (++count > MAX_HEADERS) {
        throw new Refused(431, "too many headers");
      }
      headers
          .computeIfAbsent(
              line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).strip());
    }
    return new Head(parts[0], parts[1], headers);
  }

  /**
   * Reads exactly {@code length} body bytes.
   *
   * @throws Refused 408 past the deadline, 0 when the client closed first
   */
  public byte[] body(int length) throws IOException, Refused {
    byte[] body = new byte[length];
    int got = Math.min(end - pos, length);
    System.arraycopy(buffer, pos, body, 0, got);
    pos += got;
    while (got < length) {
      int n = read(body, got, length - got);
      if (n < 0) {
        throw new Refused(0, "the client closed before the end of the body");
      }
      got += n;
    }
    return body;
  }

  /** One line of the head, without its CR LF (a bare LF is accepted too). */
  private String line(int[] budget) throws IOException, Refused {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int c = next();
      if (--budget[0] < 0) {
        throw new Refused(431, "request head too large");
      }
      if (c == '\n') {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') {
          sb.setLength(len - 1);
        }
        return sb.toString();
      }
      if (c == 0) {
        throw new Refused(400, "NUL in the request head");
      }
      sb.append((char) c); // ISO-8859-1, as HTTP heads are
    }
  }

  private int next() throws IOException, Refused {
    if (pos == end) {
      int n = read(buffer, 0, buffer.length);
      if (n < 0) {
        throw new Refused(0, "the client closed before the end of the head");
      }
      pos = 0;
      end = n;
    }
    return buffer[pos++] & 0xff;
  }

  /** One read that waits no longer than what is left until the deadline. */
  private int read(byte[] into, int off, int len) throws IOException, Refused {
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new Refused(408, "the request took too long");
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    try {
      return in.read(into, off, len);
    } catch (SocketTimeoutException e) {
      throw new Refused(408, "the request took too long");
    }
  }

  /** Bytes already received and not read; read without waiting, so closing sends no reset. */
  public static void discardAvailable(InputStream in, int max) {
    try {
      byte[] skip = new byte[4096];
      for (int n; max > 0 && (n = in.available()) > 0; max -= n) {
        n = in.read(skip, 0, Math.min(Math.min(n, skip.length), max));
        if (n < 0) {
          return;
        }
      }
    } catch (IOException e) {
      // closing anyway
    }
  }

  public static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      case 403 -> "Forbidden";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 411 -> "Length Required";
      case 413 -> "Payload Too Large";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }

  /** The interim response to {@code Expect: 100-continue}. */
  public static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  /** A complete response without a body; the connection is closed after it. */
  public static byte[] response(int status, String extraHeaders) {
    return ("HTTP/1.1 "
            + status
            + " "
            + reason(status)
            + "\r\nContent-Length: 0\r\nConnection: close\r\n"
            + extraHeaders
            + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }
}
