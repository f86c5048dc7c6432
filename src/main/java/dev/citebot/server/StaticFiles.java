package dev.citebot.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The web page's files, read once from the jar's {@code /web/} resources: plain HTML, CSS and
 * JavaScript with no build step and nothing from another site, so the page works offline.
 */
final class StaticFiles {
  /** A file as served. */
  record File(String contentType, byte[] bytes) {}

  /** A resource of the jar's /web/ folder and its media type. */
  private record Resource(String name, String contentType) {}

  /** Request paths and the resources that answer them; nothing else is served. */
  private static final Map<String, Resource> FILES =
      Map.of(
          "/", new Resource("index.html", "text/html; charset=utf-8"),
          "/app.js", new Resource("app.js", "text/javascript; charset=utf-8"),
          "/app.css", new Resource("app.css", "text/css; charset=utf-8"),
          "/favicon.svg", new Resource("favicon.svg", "image/svg+xml"),
          "/api/openapi.json", new Resource("openapi.json", "application/json; charset=utf-8"));

  private final Map<String, File> files;

  StaticFiles() {
    Map<String, File> loaded = new HashMap<>();
    FILES.forEach((path, r) -> loaded.put(path, new File(r.contentType(), read(r.name()))));
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
