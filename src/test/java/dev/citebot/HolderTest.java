package dev.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Swapping what questions read while questions are in flight. */
class HolderTest {
  private final List<String> closed = new ArrayList<>();

  private AutoCloseable value(String name) {
    return () -> closed.add(name);
  }

  @Test
  void aReplacedValueIsClosedWhenItsLastLeaseEnds() {
    Holder<AutoCloseable> holder = new Holder<>(value("old"), e -> {});
    Holder.Lease<AutoCloseable> inFlight = holder.acquire();

    holder.swap(value("new"));
    assertThat(closed).as("still read by the lease").isEmpty();
    try (Holder.Lease<AutoCloseable> next = holder.acquire()) {
      assertThat(next.get()).isNotSameAs(inFlight.get());
    }

    inFlight.close();
    inFlight.close(); // ending a lease twice releases once
    assertThat(closed).containsExactly("old");
    holder.close();
    assertThat(closed).containsExactly("old", "new");
  }
}
