package dev.citebot.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The web page's files, read once from the jar's {@code /web/} resources: plain HTML, CSS and
 * JavaScript with no build step and nothing from another site, so the page works offline.
 */
final class StaticFiles {
  /** A file as served. */
  record File(String contentType, byte[] bytes) {}

  /** Request paths and the resources that answer them; nothing else is served. */
  private static final Map<String, String[]> FILES =
      Map.of(
          "/", new String[] {"index.html", "text/html; charset=utf-8"},
          "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
          "/app.css", new String[] {"app.css", "text/css; charset=utf-8"},
          "/favicon.svg", new String[] {"favicon.svg", "image/svg+xml"},
          "/api/openapi.json", new String[] {"openapi.json", "application/json; charset=utf-8"});

  private final Map<String, File> files;

  StaticFiles() {
    Map<String, File> loaded = new java.util.HashMap<>();
    for (Map.Entry<String, String[]> e : FILES.entrySet()) {
      loaded.put(e.getKey(), new File(e.getValue()[1], read(e.getValue()[0])));
    }
    this.files = Map.copyOf(loaded);
  }

  /** The file served at {@code path}, or null. */
  File get(String path) {
    return files.get(path);
  }

  private static byte[] read(String name) {
    try (InputStream in = StaticFiles.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("web/" + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
