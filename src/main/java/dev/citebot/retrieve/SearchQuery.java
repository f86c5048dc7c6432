package dev.citebot.retrieve;

/** One search to run: its text and the language its words are written in. */
public record SearchQuery(String text, String language) {}
