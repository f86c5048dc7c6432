package dev.citebot.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/** The streams and environment of one run, handed to every command (tests pass their own). */
record Session(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env) {}
