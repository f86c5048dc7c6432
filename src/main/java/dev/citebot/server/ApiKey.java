package dev.citebot.server;

import dev.citebot.http.HttpRequestReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** server.api-key: when set, a request must carry {@code Authorization: Bearer KEY}. */
final class ApiKey {
  private final byte[] key; // empty: no key required

  ApiKey(String key) {
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  boolean required() {
    return key.length > 0;
  }

  void check(HttpRequestReader.Head head) throws ApiRefusal, HttpRequestReader.Refused {
    if (!required()) {
      return;
    }
    String auth = head.single("Authorization");
    byte[] given =
        auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
            ? auth.substring(7).strip().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    // Constant time: how long the comparison takes says nothing about how much of a guess is right.
    if (!MessageDigest.isEqual(given, key)) {
      throw new ApiRefusal(
          401, "This API needs the header 'Authorization: Bearer KEY' (server.api-key).");
    }
  }
}
