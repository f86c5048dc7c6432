package dev.citebot.index;

/** One search result: a passage id and the engine's score (only the order is comparable). */
public record Hit(String id, double score) {}
