package dev.citebot.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for citebot's own pools. Their threads are daemons: the work on them (answers,
 * model calls, refreshes, webhook connections) is finished or abandoned by the owner's {@code
 * close}, so none of it may keep the process alive after {@code main} returns.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Threads named {@code prefix-1}, {@code prefix-2}, … */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> daemon(r, prefix + "-" + n.incrementAndGet());
  }

  /** Threads all named {@code name} (for a pool of one). */
  public static ThreadFactory named(String name) {
    return r -> daemon(r, name);
  }

  /** A daemon thread named {@code name}, not started. */
  public static Thread daemon(Runnable work, String name) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    return t;
  }
}
