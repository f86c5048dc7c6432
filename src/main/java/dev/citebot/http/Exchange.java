package dev.citebot.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One request and its response on one connection: the head is read, the body only when the handler
 * asks for it (so a request refused on its head never costs the reading of its body), and one
 * response is sent, whole or streamed. The connection is closed after it.
 */
public final class Exchange {
  private final Socket socket;
  private final HttpRequestReader reader;
  private final HttpRequestReader.Head head;
  private final int maxBodyBytes;
  private boolean responded;

  Exchange(Socket socket, HttpRequestReader reader, HttpRequestReader.Head head, int maxBodyBytes) {
    this.socket = socket;
    this.reader = reader;
    this.head = head;
    this.maxBodyBytes = maxBodyBytes;
  }

  public HttpRequestReader.Head head() {
    return head;
  }

  public InetAddress client() {
    return socket.getInetAddress();
  }

  /**
   * The body of a declared Content-Length of at most the server's limit, read within the request's
   * deadline.
   *
   * @throws HttpRequestReader.Refused 411 chunked or undeclared, 413 over the limit (not read), 400
   *     a malformed length, 408 past the deadline
   */
  public byte[] body() throws IOException, HttpRequestReader.Refused {
    if (head.single("Transfer-Encoding") != null) {
      throw new HttpRequestReader.Refused(411, "chunked bodies are not taken");
    }
    String declared = head.single("Content-Length");
    if (declared == null) {
      throw new HttpRequestReader.Refused(411, "no Content-Length");
    }
    if (!declared.matches("\\d{1,10}")) {
      throw new HttpRequestReader.Refused(400, "malformed Content-Length");
    }
    long length = Long.parseLong(declared);
    if (length > maxBodyBytes) {
      throw new HttpRequestReader.Refused(413, "body too large");
    }
    if ("100-continue".equalsIgnoreCase(head.single("Expect"))) {
      // curl and some proxies wait for this before sending a body of more than 1 KB.
      socket.getOutputStream().write(HttpRequestReader.CONTINUE);
    }
    return reader.body((int) length);
  }

  /** Sends a whole response: {@code extraHeaders} are complete lines, each ending in CR LF. */
  public void send(int status, String contentType, byte[] body, String extraHeaders)
      throws IOException {
    OutputStream out =
        begin(status, contentType, "Content-Length: " + body.length + "\r\n" + extraHeaders);
    out.write(body);
    out.flush();
  }

  /**
   * Sends the head of a response whose body is written to the returned stream as it comes and ends
   * when the connection closes (server-sent events).
   */
  public OutputStream stream(int status, String contentType, String extraHeaders)
      throws IOException {
    OutputStream out = begin(status, contentType, extraHeaders);
    out.flush();
    return out;
  }

  /** Sends {@code response}, a complete HTTP response (head and body). */
  public void sendRaw(byte[] response) throws IOException {
    if (responded) {
      throw new IllegalStateException("one response per request");
    }
    responded = true;
    OutputStream out = socket.getOutputStream();
    out.write(response);
    out.flush();
  }

  boolean responded() {
    return responded;
  }

  private OutputStream begin(int status, String contentType, String headers) throws IOException {
    if (responded) {
      throw new IllegalStateException("one response per request");
    }
    responded = true;
    OutputStream out = socket.getOutputStream();
    String h =
        "HTTP/1.1 "
            + status
            + " "
            + HttpRequestReader.reason(status)
            + "\r\nContent-Type: "
            + contentType
            + "\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n"
            + headers
            + "\r\n";
    out.write(h.getBytes(StandardCharsets.ISO_8859_1));
    return out;
  }
}
