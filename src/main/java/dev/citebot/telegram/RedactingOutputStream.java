package dev.citebot.telegram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that removes secrets line by line before passing bytes on. Installed around
 * standard error while the bot runs, so that nothing any library logs there can show the token.
 *
 * <p>Secrets are ASCII (bot tokens, webhook secrets) and bytes are matched as ISO-8859-1, which
 * maps every byte to one char and back, so text in any encoding passes through unchanged.
 */
public final class RedactingOutputStream extends OutputStream {
  private final OutputStream out;
  private final Redactor redactor;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  public RedactingOutputStream(OutputStream out, Redactor redactor) {
    this.out = out;
    this.redactor = redactor;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n') {
      emit(line.size());
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  /** Writes what is buffered except a tail that could be the start of a secret. */
  @Override
  public synchronized void flush() throws IOException {
    emit(line.size() - heldBack());
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    emit(line.size());
    out.flush();
  }

  private int heldBack() {
    String text = line.toString(StandardCharsets.ISO_8859_1);
    int hold = 0;
    for (String secret : redactor.secrets()) {
      for (int k = Math.min(secret.length() - 1, text.length()); k > hold; k--) {
        if (text.endsWith(secret.substring(0, k))) {
          hold = k;
          break;
        }
      }
    }
    return hold;
  }

  private void emit(int count) throws IOException {
    if (count <= 0) {
      return;
    }
    byte[] all = line.toByteArray();
    String text = new String(all, 0, count, StandardCharsets.ISO_8859_1);
    out.write(redactor.scrub(text).getBytes(StandardCharsets.ISO_8859_1));
    line.reset();
    line.write(all, count, all.length - count);
  }
}
