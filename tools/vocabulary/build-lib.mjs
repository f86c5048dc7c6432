// The build half of vocabulary.mjs: merges the team's translations (words.tsv) with the CLDR part
// (cldr.tsv, printed by Cldr.java), adds inflected forms, and writes the vocabulary.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const COLUMNS = ["en", "no", "vi"];

// Function words of Norwegian and Vietnamese (prepositions, conjunctions, auxiliaries, particles,
// quantifiers): a translation that is one of them is left out, as the English closed-class words
// are left out of the candidates. A concept left with no word in a language is dropped.
const CLOSED = {
  no: new Set(
    `til for på etter om med før siden over under mot uten ved fra bare kun litt nok så da nå vel
    mye lenger at men og eller hvis som når også selv alle hver noen ingen andre enn ennå igjen her
    der ut inn opp ned av i en et ei den det de jo heller meget svært ganske altså`.split(/\s+/),
  ),
  vi: new Set(
    `cho|từ|có|là|và|của|được|bị|với|về|ở|trong|ngoài|trên|dưới|sau|trước|khi|nếu|thì|mà|nhưng|vì|để|
    ra|vào|lên|xuống|lại|còn|đã|đang|sẽ|rất|cũng|chỉ|nữa|hơn|nhất|cả|những|các|mọi|này|đó|kia|nào|
    ai|gì|sao|đâu|như|theo|do|tại|bằng|qua|cùng|giữa|phải|nên|hãy|chưa|không|có thể|có lẽ|rằng|
    thêm|đây|vẫn|luôn|hay|rồi|ngay|đến|tới|đi`
      .split("|")
      .map((w) => w.trim()),
  ),
};

function splitWords(cell) {
  return cell
    .split("|")
    .map((w) => w.trim())
    .filter(Boolean);
}

/** words.tsv: the team's rows, keyed by candidate lemma. */
function teamRows(file) {
  const rows = new Map();
  for (const [i, line] of fs.readFileSync(file, "utf8").split("\n").entries()) {
    if (!line.trim() || line.startsWith("#")) continue;
    const cells = line.split("\t");
    const lemma = cells[0].split("|")[0].trim();
    if (rows.has(lemma)) throw new Error(`words.tsv:${i + 1}: ${lemma} twice`);
    if (cells[1] === "-") {
      rows.set(lemma, { lemma, skip: cells[2] || "" });
    } else if (cells[1].startsWith("=")) {
      rows.set(lemma, { lemma, merge: cells[1].slice(1) });
    } else if (cells.length === 3) {
      rows.set(lemma, {
        lemma,
        en: splitWords(cells[0]),
        no: splitWords(cells[1]),
        vi: splitWords(cells[2]),
      });
    } else {
      throw new Error(`words.tsv:${i + 1}: expected three columns: ${line}`);
    }
  }
  return rows;
}

/**
 * cldr.tsv: kind, code, en, no, vi. Bracketed parts are dropped ("Myanmar (Burma)" -> "Myanmar"),
 * names with commas are left out ("Hong Kong SAR, China"), and so are English territory names
 * that are a closed-class word ("US" is "us"); "&" is also written "and" / "og" / "và".
 */
function cldrRows(file, closed) {
  const out = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [kind, code, ...cells] = line.split("\t");
    const c = { kind, code };
    let ok = true;
    const and = { en: "and", no: "og", vi: "và" };
    COLUMNS.forEach((col, i) => {
      c[col] = splitWords(cells[i] || "")
        .map((w) => w.replace(/\s*\([^)]*\)/g, ""))
        .filter((w) => w && !/[,()]/.test(w))
        .filter((w) => kind !== "region" || col !== "en" || !closed.has(w.toLowerCase()))
        .flatMap((w) => (w.includes(" & ") ? [w, w.replace(" & ", ` ${and[col]} `)] : [w]));
      if (c[col].length === 0) ok = false;
    });
    // Languages whose English name has three letters or fewer ("Ewe", "Ido") would match
    // ordinary words; CLDR's own names are kept otherwise.
    if (kind === "language" && c.en.every((w) => w.length <= 3)) ok = false;
    if (ok) out.push(c);
  }
  return out;
}

function lines(file, encoding = "utf8") {
  return new Set(fs.readFileSync(file, encoding).split("\n").map((l) => l.trim()).filter(Boolean));
}

/** English inflections by WordNet's exception lists and regular rules, kept when SUBTLEX-US has them. */
function englishInflector(src, spoken) {
  const wn = path.join(src, "wordnet/usr/share/wordnet/");
  const irregular = { n: new Map(), v: new Map() };
  for (const [pos, file] of [
    ["n", "noun.exc"],
    ["v", "verb.exc"],
  ]) {
    for (const line of fs.readFileSync(wn + file, "utf8").split("\n")) {
      const [form, base] = line.split(" ");
      if (!form || !base) continue;
      if (!irregular[pos].has(base)) irregular[pos].set(base, []);
      irregular[pos].get(base).push(form);
    }
  }
  const vowel = (c) => "aeiou".includes(c);
  const doubled = (w) =>
    w.length >= 3 &&
    !vowel(w.at(-1)) &&
    !"wxy".includes(w.at(-1)) &&
    vowel(w.at(-2)) &&
    !vowel(w.at(-3));
  const plural = (w) =>
    /(s|x|z|ch|sh)$/.test(w) ? [w + "es"] : /[^aeiou]y$/.test(w) ? [w.slice(0, -1) + "ies"] : [w + "s"];
  const verb = (w) => {
    const out = [...plural(w)];
    if (w.endsWith("e")) out.push(w + "d", w.slice(0, -1) + "ing");
    else if (/[^aeiou]y$/.test(w)) out.push(w.slice(0, -1) + "ied", w + "ing");
    else out.push(w + "ed", w + "ing", w + w.at(-1) + "ed", w + w.at(-1) + "ing");
    if (doubled(w)) out.push(w + w.at(-1) + "ed", w + w.at(-1) + "ing");
    return out;
  };
  // A generated form counts when the subtitles use it at least this often.
  const MIN = 3;
  return (word, pos) => {
    if (!/^[a-z-]+$/.test(word)) return [];
    const forms = new Set();
    // Irregular forms replace the regular rule they stand for ("men", not "mans"; "saw", not "seed").
    const n = irregular.n.get(word);
    const v = irregular.v.get(word);
    if (pos.includes("n")) (n || plural(word)).forEach((f) => forms.add(f));
    if (pos.includes("v")) (v ? [...plural(word), word.replace(/e$/, "") + "ing", ...v] : verb(word)).forEach((f) => forms.add(f));
    forms.delete(word);
    return [...forms].filter((f) => (spoken.get(f) || 0) >= MIN);
  };
}

/** British spellings of American words (WordNet is American), kept when the British list has them. */
function britishSpeller(src) {
  const british = lines(path.join(src, "wbritish/usr/share/dict/british-english"));
  const rules = [
    [/ization$/, "isation"],
    [/ize$/, "ise"],
    [/izing$/, "ising"],
    [/yze$/, "yse"],
    [/or$/, "our"],
    [/er$/, "re"],
    [/ense$/, "ence"],
    [/og$/, "ogue"],
    [/am$/, "amme"],
    [/l(ed|ing)$/, "ll$1"],
  ];
  return (word) =>
    rules
      .filter(([re]) => re.test(word))
      .map(([re, to]) => word.replace(re, to))
      .filter((b) => b !== word && british.has(b));
}

/** Norwegian Bokmål inflected forms by regular endings, kept when the Bokmål word list has them. */
function norwegianInflector(src) {
  const bokmaal = lines(path.join(src, "wnorwegian/usr/share/dict/bokmaal"), "latin1");
  return (word) => {
    if (!/^[a-zæøå]+$/.test(word)) return [];
    const out = new Set();
    if (word.length <= 2) {
      // Short words take only the common endings ("år" -> "året", "årene"; "se" -> "ser").
      for (const s of ["r", "er", "et", "en", "ene"]) out.add(word + s);
    } else if (word.endsWith("e")) {
      const stem = word.slice(0, -1);
      for (const s of ["n", "r", "ne", "t"]) out.add(word + s);
      for (const s of ["er", "te", "et", "t", "a"]) out.add(stem + s);
    } else {
      for (const s of ["en", "et", "a", "er", "ene", "e", "t", "r"]) out.add(word + s);
      // Double the final consonant after a short vowel: "venn" -> "venner" is already doubled;
      // "fag" -> "faget"; "by" -> "byen".
    }
    out.delete(word);
    return [...out].filter((f) => bokmaal.has(f));
  };
}

/** FreeDict eng-nor (WikDict): the Norwegian text of an English headword, for the cross-check. */
function freedict(src) {
  const dir = path.join(src, "freedict/usr/share/dictd/");
  const index = new Map();
  const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const num = (s) => [...s].reduce((n, c) => n * 64 + b64.indexOf(c), 0);
  for (const line of fs.readFileSync(dir + "freedict-eng-nor.index", "utf8").split("\n")) {
    const [head, off, len] = line.split("\t");
    if (!len) continue;
    const k = head.toLowerCase();
    if (!index.has(k)) index.set(k, []);
    index.get(k).push([num(off), num(len)]);
  }
  const dict = zlib.gunzipSync(fs.readFileSync(dir + "freedict-eng-nor.dict.dz"));
  return (word) => {
    const spans = index.get(word.toLowerCase());
    if (!spans) return null;
    return spans.map(([o, l]) => dict.subarray(o, o + l).toString("utf8")).join("\n");
  };
}

/** demonyms.tsv: CLDR territory code, English words, Norwegian words. */
function demonymRows(file) {
  const out = new Map();
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [code, en, no] = line.split("\t");
    if (!no) throw new Error(`demonyms.tsv: expected three columns: ${line}`);
    out.set(code, { en: splitWords(en), no: splitWords(no) });
  }
  return out;
}

export function build({ src, out, candidates, spoken, closed, HERE }) {
  const team = teamRows(path.join(HERE, "words.tsv"));
  const cldr = cldrRows(path.join(src, "cldr.tsv"), closed);
  const demonyms = demonymRows(path.join(HERE, "demonyms.tsv"));

  // Every candidate is covered, and nothing else.
  const wanted = new Set(candidates.map((c) => c.lemma));
  const missing = candidates.filter((c) => !team.has(c.lemma)).map((c) => c.lemma);
  const extra = [...team.keys()].filter((l) => !wanted.has(l));
  if (missing.length || extra.length) {
    throw new Error(
      `words.tsv does not match the candidates: missing ${missing.slice(0, 20)}, not candidates ${extra.slice(0, 20)}`,
    );
  }
  const posOf = new Map(candidates.map((c) => [c.lemma, c.pos]));

  const inflect = englishInflector(src, spoken);
  const british = britishSpeller(src);
  const norsk = norwegianInflector(src);

  // Team concepts in candidate order, then merges, then CLDR.
  const concepts = [];
  const byLemma = new Map();
  for (const c of candidates) {
    const r = team.get(c.lemma);
    if (r.en) {
      const concept = { source: "team", en: [...r.en], no: [...r.no], vi: [...r.vi], pos: new Set(c.pos) };
      concepts.push(concept);
      byLemma.set(c.lemma, concept);
    }
  }
  const cldrConcepts = cldr.map((c) => ({ source: "cldr:" + c.kind, code: c.code, en: c.en, no: c.no, vi: c.vi, pos: new Set("n") }));
  // The team's demonyms join their territory's row; their Norwegian takes inflected forms.
  for (const [code, d] of demonyms) {
    const k = cldrConcepts.find((c) => c.source === "cldr:region" && c.code === code);
    if (!k) throw new Error(`demonyms.tsv: no CLDR territory ${code}`);
    k.en.push(...d.en);
    k.no.push(...d.no);
    k.demonyms = d.no;
  }
  const skipped = [];
  for (const c of candidates) {
    const r = team.get(c.lemma);
    if (r.skip !== undefined) {
      skipped.push(`${c.lemma}: ${r.skip}`);
    } else if (r.merge) {
      const target =
        byLemma.get(r.merge) ||
        cldrConcepts.find((k) => k.en.some((w) => w.toLowerCase() === r.merge.toLowerCase()));
      if (!target) throw new Error(`words.tsv: ${c.lemma} merges into unknown ${r.merge}`);
      if (target !== byLemma.get(c.lemma)) target.en.push(c.lemma);
    }
  }
  // A team row whose English is a CLDR concept's English ("million") joins that concept.
  for (const k of cldrConcepts) {
    const lower = new Set(k.en.map((w) => w.toLowerCase()));
    for (const t of concepts.filter((t) => t.en.some((w) => lower.has(w.toLowerCase())))) {
      k.en.push(...t.en);
      k.no.push(...t.no);
      k.vi.push(...t.vi);
      t.merged = true;
    }
  }
  let dropped = [];
  for (const t of concepts) {
    for (const col of ["no", "vi"]) t[col] = t[col].filter((w) => !CLOSED[col].has(w.toLowerCase()));
    if (!t.no.length || !t.vi.length) dropped.push(t.en[0]);
  }
  const all = [...concepts.filter((t) => !t.merged && t.no.length && t.vi.length), ...cldrConcepts];

  // Inflected and British forms.
  let added = { en: 0, no: 0 };
  for (const c of all) {
    const en = [];
    for (const w of c.en) {
      en.push(w);
      if (c.source === "team") {
        const forms = inflect(w, posOf.get(c.en[0]) || [...c.pos].join(""));
        for (const f of [...british(w), ...forms, ...forms.flatMap(british)]) en.push(f);
      }
    }
    const no = [];
    for (const w of c.no) {
      no.push(w);
      if (c.source === "team" || (c.demonyms && c.demonyms.includes(w))) no.push(...norsk(w));
    }
    added.en += new Set(en).size - new Set(c.en).size;
    added.no += new Set(no).size - new Set(c.no).size;
    c.en = en;
    c.no = no;
  }

  // One line a concept; synonyms deduplicated within a cell (case-insensitively).
  const dedup = (ws) => {
    const seen = new Set();
    return ws.filter((w) => {
      const k = w.toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  };
  const rows = [];
  const seenRows = new Set();
  for (const c of all) {
    const row = COLUMNS.map((col) => dedup(c[col]).join("|")).join("\t");
    if (seenRows.has(row.toLowerCase())) continue;
    seenRows.add(row.toLowerCase());
    rows.push(row);
  }

  // Cross-check of the team's Norwegian against FreeDict eng-nor, where it has the word.
  const fd = freedict(src);
  let has = 0;
  let agree = 0;
  const disagree = [];
  for (const c of concepts) {
    const text = fd(c.en[0]);
    if (!text) continue;
    has++;
    const body = text.toLowerCase();
    const norw = c.no.map((w) => w.toLowerCase());
    if (norw.some((w) => new RegExp(`(^|[^a-zæøå])${w}([^a-zæøå]|$)`).test(body))) agree++;
    else disagree.push(c.en[0]);
  }

  const header = [
    "# citebot's English / Norwegian (Bokmål) / Vietnamese vocabulary: one concept a line,",
    "# english<TAB>norwegian<TAB>vietnamese, synonyms and word forms separated by |.",
    "# Generated by tools/vocabulary/build; do not edit by hand. Sources, licences and the",
    "# selection criterion: src/main/resources/vocabulary/README.md.",
  ];
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, header.join("\n") + "\n" + rows.join("\n") + "\n");
  const kinds = {};
  for (const c of all) kinds[c.source] = (kinds[c.source] || 0) + 1;
  console.error(`vocabulary: ${rows.length} concepts written to ${out}`);
  console.error(`  by source: ${JSON.stringify(kinds)}`);
  console.error(`  candidates ${candidates.length}, skipped ${skipped.length}, merged into others ${candidates.filter((c) => team.get(c.lemma).merge).length}`);
  console.error(`  dropped for want of a content word in a language: ${dropped.join(" ")}`);
  console.error(`  added forms: English ${added.en}, Norwegian ${added.no}`);
  console.error(`  FreeDict eng-nor has ${has} of the ${concepts.length} team lemmas; ours share a word with it for ${agree} (${((100 * agree) / has).toFixed(1)} %)`);
  fs.writeFileSync(path.join(src, "freedict-disagreements.txt"), disagree.join("\n") + "\n");
}
