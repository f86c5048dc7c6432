package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  @Test
  void emptyListsAreOpenToEveryone() {
    AccessPolicy open = new AccessPolicy(Set.of(), Set.of());
    assertThat(open.open()).isTrue();
    assertThat(open.allows(-100, 5L)).isTrue();
    assertThat(open.allows(5, null)).isTrue();
  }

  @Test
  void aListedChatOrAListedUserIsAllowed() {
    AccessPolicy p = new AccessPolicy(Set.of(-100L), Set.of(7L));
    assertThat(p.open()).isFalse();
    assertThat(p.allows(-100, 1L)).as("anyone in the listed group").isTrue();
    assertThat(p.allows(7, 7L)).as("the listed user in private").isTrue();
    assertThat(p.allows(-200, 7L)).as("the listed user in another group").isTrue();
    assertThat(p.allows(-200, 8L)).isFalse();
    assertThat(p.allows(8, 8L)).isFalse();
    assertThat(p.allows(-200, null)).isFalse();
  }
}
