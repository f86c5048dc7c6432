package dev.citebot.index;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citebot.config.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassageEmbedderTest {
  @Test
  void aJarWithoutVectorSupportSaysHowToGetItInOneSentence(@TempDir Path tmp) {
    // A jar built without -Pvectors lacks the model class; the test class path has it, so a name
    // that does not exist stands in for it.
    assertThatThrownBy(() -> new PassageEmbedder(tmp, "dev.citebot.NoSuchEmbeddingModel"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("retrieve.vectors")
        .hasMessageContaining("mvn -Pvectors package");
  }
}
