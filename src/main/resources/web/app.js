// citebot's web page: plain JavaScript, no build step, nothing from other sites.
// Everything that comes from an article, a question or an answer is put into the page as text
// (textContent, createTextNode), never as HTML: an article cannot add markup or scripts.
"use strict";

const TEXTS = {
  en: {
    tagline: "Answers from the articles, every claim with its source. Click a [n] to read it.",
    startOver: "Start over", question: "Your question", ask: "Ask", thinking: "Thinking…",
    articles: "Articles", close: "Close", original: "Original article",
    sources: "Sources", lines: (a, b) => (a === b ? "line " + a : "lines " + a + "–" + b),
    empty: "Type a question first.", failed: "citebot could not be reached; try again.",
    key: "This citebot needs an API key:", placeholder: "Ask about the articles…",
    followUp: "Ask a follow-up…",
  },
  vi: {
    tagline: "Trả lời từ các bài báo, mỗi ý đều có nguồn. Bấm vào [n] để đọc nguồn.",
    startOver: "Bắt đầu lại", question: "Câu hỏi của bạn", ask: "Hỏi", thinking: "Đang tìm…",
    articles: "Các bài báo", close: "Đóng", original: "Bài gốc",
    sources: "Nguồn", lines: (a, b) => (a === b ? "dòng " + a : "dòng " + a + "–" + b),
    empty: "Hãy nhập câu hỏi trước.", failed: "Không kết nối được citebot; hãy thử lại.",
    key: "citebot này cần khóa API:", placeholder: "Hỏi về các bài báo…",
    followUp: "Hỏi tiếp…",
  },
  no: {
    tagline: "Svar fra artiklene, hver påstand med kilde. Klikk på en [n] for å lese den.",
    startOver: "Start på nytt", question: "Spørsmålet ditt", ask: "Spør", thinking: "Tenker…",
    articles: "Artikler", close: "Lukk", original: "Originalartikkel",
    sources: "Kilder", lines: (a, b) => (a === b ? "linje " + a : "linje " + a + "–" + b),
    empty: "Skriv et spørsmål først.", failed: "Fikk ikke kontakt med citebot; prøv igjen.",
    key: "Denne citebot trenger en API-nøkkel:", placeholder: "Spør om artiklene…",
    followUp: "Still et oppfølgingsspørsmål…",
  },
};

/** The page's language: the first of the browser's languages that citebot speaks. */
function pageLanguage() {
  for (const tag of navigator.languages || [navigator.language || "en"]) {
    const base = String(tag).toLowerCase().split("-")[0];
    if (base === "vi") return "vi";
    if (base === "no" || base === "nb" || base === "nn") return "no";
    if (base === "en") return "en";
  }
  return "en";
}

const lang = pageLanguage();
const t = TEXTS[lang];
let conversation = null;
let apiKey = sessionStorage.getItem("citebot-key") || "";

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c); // strings become text nodes
  return e;
}

/** A request to the API; asks for the key once when the server wants one. */
async function api(path, options) {
  for (let attempt = 0; ; attempt++) {
    const headers = Object.assign({}, (options || {}).headers);
    if (apiKey) headers["Authorization"] = "Bearer " + apiKey;
    const response = await fetch(path, Object.assign({}, options, { headers }));
    if (response.status === 401 && attempt === 0) {
      const given = window.prompt(t.key);
      if (given) {
        apiKey = given.trim();
        sessionStorage.setItem("citebot-key", apiKey);
        continue;
      }
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      throw new Error(body && body.error ? body.error : t.failed);
    }
    return body;
  }
}

function showError(message) {
  const p = $("error");
  p.textContent = message;
  p.hidden = !message;
}

/** The answer text with every [n] a link that opens citation n beside it. */
function answerText(record) {
  const byN = new Map(record.citations.map((c) => [c.n, c]));
  const div = el("div", { class: "a" + (record.grounded ? "" : " refused"), lang: record.language });
  const text = record.answer;
  const marker = /\[(\d+)\]/g;
  let last = 0;
  for (let m; (m = marker.exec(text)); ) {
    const c = byN.get(Number(m[1]));
    if (!c) continue;
    div.append(text.slice(last, m.index));
    div.append(citationLink(c, "[" + c.n + "]", "marker"));
    last = m.index + m[0].length;
  }
  div.append(text.slice(last));
  return div;
}

function citationLink(c, label, cls) {
  const params = new URLSearchParams({ file: c.file, from: c.lines[0], to: c.lines[1] });
  const a = el("a", { href: "?" + params, class: cls, "data-n": String(c.n) }, label);
  a.addEventListener("click", (event) => {
    event.preventDefault();
    openArticle(c.file, c.lines[0], c.lines[1], c.quote);
  });
  return a;
}

function sourcesList(record) {
  const ol = el("ol", { class: "cites" });
  for (const c of record.citations) {
    const li = el("li", { value: String(c.n) });
    li.append(citationLink(c, c.title || c.file, "cite"));
    li.append(" ", el("span", { class: "file" }, c.file + ", " + t.lines(c.lines[0], c.lines[1])));
    ol.append(li);
  }
  return ol;
}

async function ask(event) {
  event.preventDefault();
  const box = $("question");
  const question = box.value.trim();
  if (!question) {
    showError(t.empty);
    box.focus();
    return;
  }
  showError("");
  const send = $("send");
  send.disabled = true;
  send.textContent = t.thinking;
  try {
    const body = { question };
    if (conversation) body.conversation = conversation;
    const record = await api("api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    conversation = record.conversation;
    const li = el("li", { class: "turn" }, el("p", { class: "q" }, question), answerText(record));
    if (record.citations.length) li.append(sourcesList(record));
    $("turns").append(li);
    box.value = "";
    box.placeholder = t.followUp;
    li.scrollIntoView({ block: "nearest" });
  } catch (e) {
    showError(e.message);
  } finally {
    send.disabled = false;
    send.textContent = t.ask;
  }
}

function startOver() {
  conversation = null;
  $("turns").replaceChildren();
  $("article").hidden = true;
  showError("");
  const box = $("question");
  box.value = "";
  box.placeholder = t.placeholder;
  box.focus();
}

/** Collapses runs of white space, remembering where each character came from. */
function normalized(text) {
  let out = "";
  const at = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i])) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out += " ";
      at.push(i);
      space = false;
    }
    out += text[i];
    at.push(i);
  }
  return { out, at };
}

/**
 * Shows the article in the side panel, lines from..to marked, the quote (found in them, white space
 * aside) highlighted, and scrolls to it.
 */
async function openArticle(file, from, to, quote) {
  showError("");
  let article;
  try {
    article = await api("api/show?" + new URLSearchParams({ file }));
  } catch (e) {
    showError(e.message);
    return;
  }
  $("article-title").textContent = article.title || article.file;
  $("article-title").setAttribute("lang", article.language);
  $("article-meta").textContent =
    article.file + (from ? " · " + t.lines(from, to) : "") + (article.date ? " · " + article.date : "");
  const link = $("article-url");
  link.hidden = !/^https?:\/\//.test(article.sourceUrl);
  if (!link.hidden) link.href = article.sourceUrl;

  // Where the quote lies in the cited lines joined by "\n".
  let start = -1;
  let end = -1;
  if (from && quote) {
    const cited = article.lines.slice(from - article.from, to - article.from + 1).join("\n");
    const hay = normalized(cited);
    const needle = normalized(quote).out;
    const found = needle ? hay.out.indexOf(needle) : -1;
    if (found >= 0) {
      start = hay.at[found];
      end = hay.at[found + needle.length - 1] + 1;
    }
  }
  const box = $("article-lines");
  box.replaceChildren();
  box.setAttribute("lang", article.language);
  let offset = 0; // of the current cited line in the joined text
  let first = null;
  article.lines.forEach((line, i) => {
    const n = article.from + i;
    const row = el("div", { class: "line", id: "L" + n }, el("span", { class: "num" }, String(n)));
    const text = el("span", { class: "text" });
    const isCited = from && n >= from && n <= to;
    if (isCited) {
      row.classList.add("cited");
      const a = Math.max(start, offset) - offset;
      const b = Math.min(end, offset + line.length) - offset;
      if (start < 0) {
        text.append(el("mark", {}, line)); // the quote was not found: the whole lines stand
      } else if (a < b) {
        text.append(line.slice(0, a), el("mark", {}, line.slice(a, b)), line.slice(b));
      } else {
        text.append(line);
      }
      offset += line.length + 1;
      if (!first) first = row;
    } else {
      text.append(line);
    }
    row.append(text);
    box.append(row);
  });
  $("article").hidden = false;
  // Scroll the panel only (scrollIntoView would scroll the page too, away from the answer).
  const target = box.querySelector("mark") || first;
  box.scrollTop = target ? Math.max(0, target.offsetTop - box.clientHeight / 3) : 0;
}

async function loadSources() {
  try {
    const { articles } = await api("api/sources");
    const ul = $("source-list");
    for (const a of articles) {
      const link = el("a", { href: "?" + new URLSearchParams({ file: a.file }) }, a.title || a.file);
      link.setAttribute("lang", a.language);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        openArticle(a.file, 0, 0, "");
      });
      ul.append(el("li", {}, link, " ", el("span", { class: "file" }, a.file + " · " + a.language)));
    }
  } catch (e) {
    showError(e.message);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-text]")) node.textContent = t[node.dataset.text];
  $("question").placeholder = t.placeholder;
  $("ask").addEventListener("submit", ask);
  $("question").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault(); // Shift+Enter for a new line
      $("ask").requestSubmit();
    }
  });
  $("new").addEventListener("click", startOver);
  $("close").addEventListener("click", () => ($("article").hidden = true));
  loadSources();
  // A link to a citation (from Telegram, say): ?file=F&from=A&to=B opens it.
  const params = new URLSearchParams(location.search);
  if (params.get("file")) {
    const from = parseInt(params.get("from") || "0", 10) || 0;
    const to = parseInt(params.get("to") || String(from), 10) || from;
    openArticle(params.get("file"), from, to, "");
  }
});
