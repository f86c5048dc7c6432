package dev.citebot.cli;

import dev.citebot.EngineUnavailableException;
import dev.citebot.answer.BadQuestionException;
import dev.citebot.config.ConfigException;
import dev.citebot.index.IndexDamagedException;
import dev.citebot.index.IndexUnavailableException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The citebot command line: {@code main} only wires the real streams to {@link #run}. */
@Command(
    name = "citebot",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT, // so `citebot ask --help` works too
    version = "citebot 0.1.0",
    description = "Answers questions about a folder of articles, citing file and lines.")
public final class Main {
  /** The commands, in the order help lists them. */
  private static final Map<String, Class<?>> COMMANDS = commands();

  /** Success. */
  public static final int OK = 0;

  /** The command ran but failed: missing corpus, unreadable file, bad question. */
  public static final int FAILED = 1;

  /** The command line or the configuration is wrong. */
  public static final int USAGE = 2;

  public static void main(String[] args) {
    System.exit(
        new Main().run(args, System.in, utf8(System.out), utf8(System.err), System.getenv()));
  }

  private static PrintWriter utf8(java.io.PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  /** Runs one command; returns its exit code. Nothing here calls System.exit. */
  public int run(
      String[] args, InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env) {
    Session session = new Session(in, out, err, env);
    Factory factory = new Factory(session);
    CommandLine cmd = new CommandLine(new Main(), factory);
    // picocli reflects over every command it is given (some 0.03 s on a cold JVM): a command line
    // that names its command gets that one alone; anything else (help, a typo) gets them all.
    String named = args.length > 0 && COMMANDS.containsKey(args[0]) ? args[0] : null;
    COMMANDS.forEach(
        (name, command) -> {
          if (named == null || named.equals(name)) {
            cmd.addSubcommand(name, new CommandLine(command, factory));
          }
        });
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler(
        (e, a) -> {
          err.println(e.getMessage());
          err.println("Run 'citebot --help' for usage.");
          return USAGE;
        });
    cmd.setExecutionExceptionHandler((e, c, p) -> report(e, err));
    int code;
    try {
      code = cmd.execute(args);
    } catch (RuntimeException | Error e) { // a bug: still one line, not a stack trace
      err.println("citebot failed: " + e);
      code = FAILED;
    }
    out.flush();
    err.flush();
    return code;
  }

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> commands = new LinkedHashMap<>();
    commands.put("ask", AskCommand.class);
    commands.put("chat", ChatCommand.class);
    commands.put("show", ShowCommand.class);
    commands.put("sources", SourcesCommand.class);
    commands.put("index", IndexCommand.class);
    commands.put("eval", EvalCommand.class);
    commands.put("telegram", TelegramCommand.class);
    commands.put("serve", ServeCommand.class);
    return commands;
  }

  /** One sentence for the user, never a stack trace. */
  static int report(Exception e, PrintWriter err) {
    Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (t instanceof ConfigException) {
      err.println(t.getMessage());
      return USAGE;
    }
    if (t instanceof BadQuestionException
        || t instanceof FileNotFoundException
        || t instanceof IndexDamagedException
        || t instanceof IndexUnavailableException
        || t instanceof EngineUnavailableException) {
      err.println(t.getMessage());
    } else if (t instanceof FileSystemException f && f.getFile() != null) {
      err.println("citebot could not read or write " + f.getFile() + ": " + reason(f) + ".");
    } else if (t instanceof IOException) {
      err.println("citebot could not read or write a file: " + t.getMessage());
    } else {
      err.println("citebot failed: " + t);
    }
    return FAILED;
  }

  /** What went wrong with a file, in words: the JDK leaves the reason out of some of them. */
  private static String reason(FileSystemException f) {
    if (f.getReason() != null) {
      return f.getReason();
    }
    if (f instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (f instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (f instanceof FileAlreadyExistsException) {
      return "it already exists";
    }
    return f.getClass().getSimpleName();
  }

  /** Gives every command the same streams and environment. */
  private record Factory(Session session) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (var c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Session.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(session));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
