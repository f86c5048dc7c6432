package dev.citebot.index;

import java.util.Map;

/**
 * What an index holds before an update: the schema stamp it was written with (an index of another
 * schema is rebuilt) and its files by corpus name.
 */
public record IndexManifest(Map<String, String> schema, Map<String, IndexedFile> files) {}
