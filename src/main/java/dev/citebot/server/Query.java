package dev.citebot.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The parameters of a request target's query ({@code ?file=a.txt&from=3}), decoded as UTF-8. */
record Query(Map<String, String> parameters) {
  static Query of(String target) throws ApiRefusal {
    Map<String, String> out = new HashMap<>();
    int q = target.indexOf('?');
    if (q >= 0) {
      for (String pair : target.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        try {
          String name =
              URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          String value =
              eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          if (out.put(name, value) != null) {
            throw new ApiRefusal(400, "The parameter '" + name + "' is given twice.");
          }
        } catch (IllegalArgumentException e) {
          throw new ApiRefusal(400, "The query of the request is not well-formed.");
        }
      }
    }
    return new Query(Map.copyOf(out));
  }

  String get(String name) {
    return parameters.get(name);
  }

  /**
   * A line number: a number of any length, clamped to 1..Integer.MAX_VALUE (as {@code show} takes
   * it), or {@code fallback} when absent.
   */
  int line(String name, int fallback) throws ApiRefusal {
    String v = parameters.get(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    if (!v.matches("\\d{1,1000}")) {
      throw new ApiRefusal(400, "The parameter '" + name + "' must be a line number.");
    }
    String digits = v.replaceFirst("^0+(?=.)", "");
    return digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE
        ? Integer.MAX_VALUE
        : Math.max(1, Integer.parseInt(digits));
  }
}
