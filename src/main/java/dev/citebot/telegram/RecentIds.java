package dev.citebot.telegram;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Remembers the last {@code capacity} ids, to answer every update once though it may come twice.
 */
final class RecentIds {
  private final int capacity;
  private final Set<Long> ids = new LinkedHashSet<>();

  RecentIds(int capacity) {
    this.capacity = capacity;
  }

  /** True the first time {@code id} is seen (among the last {@code capacity} ids). */
  synchronized boolean firstTime(long id) {
    if (!ids.add(id)) {
      return false;
    }
    if (ids.size() > capacity) {
      var it = ids.iterator();
      it.next();
      it.remove();
    }
    return true;
  }
}
