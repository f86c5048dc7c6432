package dev.citebot.index;

/**
 * What an index remembers of one corpus file (its manifest entry): enough to tell, on the next
 * update, whether the file changed.
 *
 * @param hash SHA-256 (hex) of the file when it was read; empty for files of other types
 * @param skipped whether it was left out (of another type, binary, too large...) rather than
 *     indexed: remembered so that its warning is given once, and dropped silently when it goes
 */
public record IndexedFile(String hash, long size, long modified, boolean skipped) {}
