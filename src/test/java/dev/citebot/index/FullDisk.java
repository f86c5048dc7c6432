package dev.citebot.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.FilterIndexOutput;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/**
 * Real index folders on a disk that holds only {@code free} more bytes: past them every write fails
 * as the operating system's does ("No space left on device"), wherever Lucene is in its work.
 */
final class FullDisk implements CorpusIndex.Directories {
  private final AtomicLong free;

  FullDisk(long free) {
    this.free = new AtomicLong(free);
  }

  @Override
  public Directory open(Path folder) throws IOException {
    return new FilterDirectory(FSDirectory.open(folder)) {
      @Override
      public IndexOutput createOutput(String name, IOContext context) throws IOException {
        return limited(super.createOutput(name, context));
      }

      @Override
      public IndexOutput createTempOutput(String prefix, String suffix, IOContext context)
          throws IOException {
        return limited(super.createTempOutput(prefix, suffix, context));
      }
    };
  }

  private IndexOutput limited(IndexOutput out) {
    return new FilterIndexOutput("full disk", out.getName(), out) {
      @Override
      public void writeByte(byte b) throws IOException {
        take(1);
        super.writeByte(b);
      }

      @Override
      public void writeBytes(byte[] b, int offset, int length) throws IOException {
        take(length);
        super.writeBytes(b, offset, length);
      }
    };
  }

  private void take(long bytes) throws IOException {
    if (free.addAndGet(-bytes) < 0) {
      throw new IOException("No space left on device");
    }
  }
}
