package dev.citebot;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Holds the current value of something that is replaced whole (the open index and what is built on
 * it). Users lease the value for the length of one piece of work; {@link #swap} makes a new value
 * current at once, and the replaced one is closed when its last lease ends, so work in flight
 * finishes on the value it started with.
 */
final class Holder<T extends AutoCloseable> implements AutoCloseable {
  /** One leased value; {@link #close} ends the lease (once). */
  static final class Lease<T extends AutoCloseable> implements AutoCloseable {
    private final Entry<T> entry;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Lease(Entry<T> entry) {
      this.entry = entry;
    }

    T get() {
      return entry.value;
    }

    @Override
    public void close() {
      if (!closed.getAndSet(true)) {
        entry.release();
      }
    }
  }

  private static final class Entry<T extends AutoCloseable> {
    final T value;
    final Consumer<Exception> onCloseFailure;
    final AtomicInteger refs = new AtomicInteger(1); // the holder's own reference

    Entry(T value, Consumer<Exception> onCloseFailure) {
      this.value = value;
      this.onCloseFailure = onCloseFailure;
    }

    boolean tryAcquire() {
      for (int n = refs.get(); n > 0; n = refs.get()) {
        if (refs.compareAndSet(n, n + 1)) {
          return true;
        }
      }
      return false;
    }

    void release() {
      if (refs.decrementAndGet() == 0) {
        try {
          value.close();
        } catch (Exception e) {
          onCloseFailure.accept(e);
        }
      }
    }
  }

  private final AtomicReference<Entry<T>> current;
  private final Consumer<Exception> onCloseFailure;
  private final AtomicBoolean closed = new AtomicBoolean();

  Holder(T first, Consumer<Exception> onCloseFailure) {
    this.onCloseFailure = onCloseFailure;
    this.current = new AtomicReference<>(new Entry<>(first, onCloseFailure));
  }

  /** Leases the current value; close the lease when the work is done. */
  Lease<T> acquire() {
    while (true) {
      Entry<T> e = current.get();
      if (e.tryAcquire()) {
        return new Lease<>(e);
      }
      if (closed.get()) {
        throw new IllegalStateException("citebot is closed");
      }
      // A swap released this entry between get() and tryAcquire(): read the new one.
    }
  }

  /** The current value without a lease: only for quick reads by the thread that swaps. */
  T peek() {
    return current.get().value;
  }

  /** Makes {@code next} current; the replaced value is closed after its last lease. */
  void swap(T next) {
    if (closed.get()) {
      throw new IllegalStateException("citebot is closed");
    }
    current.getAndSet(new Entry<>(next, onCloseFailure)).release();
  }

  @Override
  public void close() {
    if (!closed.getAndSet(true)) {
      current.get().release();
    }
  }
}
