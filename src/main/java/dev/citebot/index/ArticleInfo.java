package dev.citebot.index;

/** What `sources` lists about one indexed article. */
public record ArticleInfo(
    String file, String title, String language, String date, String sourceUrl, int passages) {}
