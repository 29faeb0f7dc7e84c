// aula search: queries the index in search-index/ (built by `aula build`) from the header box
// and from the search page. Index files are classic scripts that call aulaSearch.*, so this works
// over HTTP under any subpath and from file://. No stemmer here: each shard maps the word forms
// the site uses to their stems (and, for words with ñ, the same written with n); a word the site
// never wrote tries the manifest's few ending swaps; only the word being typed matches by prefix.
(function () {
  "use strict";
  var SECTIONS = 32; // documents per lesson: lesson = doc / 32
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = {};
  for (var i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET[i]] = i;

  var registry = { manifest: null, shards: {}, lessons: {}, parts: {}, waiting: {} };
  var api = (window.aulaSearch = window.aulaSearch || {});
  api.manifest = function (data) { registry.manifest = data; };
  api.shard = function (n, data) { registry.shards[n] = data; };
  api.lesson = function (n, data) { registry.lessons[n] = data; };
  api.part = function (n, p, texts) { registry.parts[n + "-" + p] = texts; };

  function load(url) {
    if (registry.waiting[url]) return registry.waiting[url];
    registry.waiting[url] = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = function () { delete registry.waiting[url]; reject(new Error("cannot load " + url)); };
      document.head.appendChild(script);
    });
    return registry.waiting[url];
  }

  function Index(root) { this.root = root; }
  Index.prototype.file = function (path) {
    var v = registry.manifest ? "?v=" + registry.manifest.v : "";
    return this.root + "search-index/" + path + v;
  };
  Index.prototype.ready = function () {
    var self = this;
    return load(this.file("index.js")).then(function () {
      var m = registry.manifest;
      self.stop = new Set(m.stop);
      return self;
    });
  };
  Index.prototype.shardOf = function (key) {
    var starts = registry.manifest.shards, lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= key) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  Index.prototype.shard = function (n) {
    return load(this.file("s/" + n + ".js")).then(function () { return registry.shards[n]; });
  };
  Index.prototype.lesson = function (n) {
    return load(this.file("x/" + n + ".js")).then(function () { return registry.lessons[n]; });
  };
  // The text of section s of lesson l (loaded): inline, or in the part file its entry names.
  Index.prototype.text = function (n, l, s) {
    var d = l.d[s];
    if (typeof d[2] === "string") return Promise.resolve(d[2]);
    var k = 0;
    for (var i = 0; i < s; i++) if (l.d[i][2] === d[2]) k++;
    return load(this.file("x/" + n + "-" + d[2] + ".js")).then(function () { return registry.parts[n + "-" + d[2]][k]; });
  };

  // Lowercase, accents off, ñ kept: the same rule as the indexer.
  function fold(word) {
    return word.toLowerCase().replace(/ñ/g, "\u0001").normalize("NFD")
      .replace(/\p{M}/gu, "").replace(/\u0001/g, "ñ");
  }
  function words(text) {
    if (window.Intl && Intl.Segmenter) {
      var out = [];
      var it = new Intl.Segmenter(undefined, { granularity: "word" }).segment(text);
      for (var seg of it) if (seg.isWordLike) out.push({ word: seg.segment, at: seg.index });
      return out;
    }
    var found = [], re = /[\p{L}\p{N}_]+(?:['.][\p{L}\p{N}_]+)*/gu, m;
    while ((m = re.exec(text))) found.push({ word: m[0], at: m.index });
    return found;
  }

  // The query's terms: folded, stop words out; the last one matches by prefix while typing.
  Index.prototype.terms = function (query) {
    var self = this, list = words(query).map(function (w) {
      return { exact: w.word.toLowerCase(), folded: fold(w.word) };
    }).filter(function (t) { return t.folded.length > 1 && !self.stop.has(t.folded); });
    if (list.length && !/\s$/.test(query)) list[list.length - 1].prefix = true;
    return list;
  };

  // The forms a query word may stand for, besides itself: the site's forms with another ending
  // (the manifest's small table: `tuberias` → `tuberia`), each looked up as it is.
  Index.prototype.variants = function (word) {
    var m = registry.manifest, out = [];
    (m.endings || []).forEach(function (rule) {
      var typed = rule[0], tried = rule[1];
      if (word.length - typed.length < m.min || word.slice(word.length - typed.length) !== typed) return;
      var v = word.slice(0, word.length - typed.length) + tried;
      if (v !== word && out.indexOf(v) < 0) out.push(v);
    });
    return out;
  };

  // The stems a term stands for, each with a weight: the forms the site uses (1), the same with
  // `n` for `ñ` (0.9), other endings of a word the site has (0.85) and, for the word being typed
  // only, the forms it starts (0.8). A word never backs off to a shorter prefix of itself.
  Index.prototype.stems = function (term) {
    var self = this, keys = [term.folded].concat(this.variants(term.folded));
    var shards = new Set(keys.map(function (k) { return self.shardOf(k); }));
    var n = this.shardOf(term.folded), starts = registry.manifest.shards;
    if (term.prefix && n + 1 < starts.length && starts[n + 1].indexOf(term.folded) === 0) shards.add(n + 1);
    return Promise.all(Array.from(shards).map(function (k) { return self.shard(k); })).then(function (loaded) {
      var found = new Map();
      function add(stem, w) { if (!(found.get(stem) >= w)) found.set(stem, w); }
      function lookup(s, key, w, loose) {
        (s.f[key] || []).forEach(function (x) { add(x, w); });
        if (s.t[key]) add(key, w);
        if (loose) (s.n && s.n[key] || []).forEach(function (x) { add(x, w * 0.9); });
      }
      term.forms = loaded;
      term.keys = new Set(keys);
      loaded.forEach(function (s) {
        lookup(s, term.folded, 1, true);
        keys.slice(1).forEach(function (k) { lookup(s, k, 0.85, true); });
        if (!term.prefix) return;
        var p = term.folded, ks = [];
        Object.keys(s.f).forEach(function (f) { if (f.indexOf(p) === 0) ks.push(f); });
        Object.keys(s.t).forEach(function (f) { if (f.indexOf(p) === 0) ks.push(f); });
        Object.keys(s.n || {}).forEach(function (f) { if (f.indexOf(p) === 0) ks.push(f); });
        ks.slice(0, 60).forEach(function (k) { lookup(s, k, 0.8, true); });
      });
      return Array.from(found.entries()).slice(0, 60);
    });
  };

  // Postings of a stem: Map doc → impact (1..31), with its document frequency.
  Index.prototype.postings = function (stem) {
    return this.shard(this.shardOf(stem)).then(function (s) {
      var entry = s.t[stem];
      if (!entry) return null;
      var map = new Map(), text = entry[2], value = 0, shift = 0, doc = 0, half = 0, delta = 0;
      for (var i = 0; i < text.length; i++) {
        var d = DIGIT[text[i]];
        value |= (d & 31) << shift;
        if (d & 32) { shift += 5; continue; }
        if (half === 0) { delta = value; half = 1; } else { doc += delta; map.set(doc, value); half = 0; }
        value = 0; shift = 0;
      }
      return { df: entry[0], truncated: entry[1] === 1, docs: map };
    });
  };

  // Results are lessons. A term's score in a lesson is its best section's BM25 score plus a share
  // of its other sections' (how much of the lesson is about it); a section holding every term
  // adds its own sum. Lessons where every term occurs (in any of its sections) come first, then
  // lessons with some of them.
  Index.prototype.search = function (query) {
    var self = this, terms = this.terms(query);
    if (!terms.length) return Promise.resolve({ terms: terms, hits: [] });
    var total = registry.manifest.docs;
    return Promise.all(terms.map(function (term) {
      return self.stems(term).then(function (stems) {
        return Promise.all(stems.map(function (pair) {
          return self.postings(pair[0]).then(function (p) { return p && { stem: pair[0], weight: pair[1], p: p }; });
        }));
      }).then(function (lists) {
        var scores = new Map(), optional = true;
        term.stems = [];
        lists.forEach(function (l) {
          if (!l) return;
          term.stems.push(l.stem);
          if (!l.p.truncated) optional = false;
          var idf = Math.log(1 + (total - l.p.df + 0.5) / (l.p.df + 0.5)) * l.weight;
          l.p.docs.forEach(function (impact, doc) {
            var s = idf * impact;
            if (!(scores.get(doc) >= s)) scores.set(doc, s);
          });
        });
        // Per lesson: best section, sum of sections.
        var lessons = new Map();
        scores.forEach(function (s, doc) {
          var n = Math.floor(doc / SECTIONS), l = lessons.get(n);
          if (!l) lessons.set(n, l = { best: 0, sum: 0 });
          l.best = Math.max(l.best, s);
          l.sum += s;
        });
        return { scores: scores, lessons: lessons, optional: optional && lists.some(Boolean) };
      });
    })).then(function (perTerm) {
      var required = perTerm.filter(function (t) { return !t.optional; });
      function combine(needAll) {
        var acc = new Map();
        perTerm.forEach(function (t) {
          t.lessons.forEach(function (l, n) {
            var spread = Math.min(l.sum - l.best, 2 * l.best);
            acc.set(n, (acc.get(n) || 0) + l.best + 0.3 * spread);
          });
        });
        var hits = [];
        acc.forEach(function (score, n) {
          if (needAll && !required.every(function (t) { return t.lessons.has(n); })) return;
          // Its sections by their own score; one that holds every term counts for the lesson too.
          var docs = new Map();
          perTerm.forEach(function (t) {
            t.scores.forEach(function (s, doc) {
              if (Math.floor(doc / SECTIONS) !== n) return;
              var d = docs.get(doc) || { doc: doc, score: 0, terms: 0 };
              d.score += s; d.terms++;
              docs.set(doc, d);
            });
          });
          var sections = Array.from(docs.values());
          sections.sort(function (a, b) { return b.terms - a.terms || b.score - a.score || a.doc - b.doc; });
          var all = sections.length && sections[0].terms === perTerm.length && perTerm.length > 1 ? 0.5 * sections[0].score : 0;
          hits.push({ lesson: n, score: score + all, sections: sections.slice(0, 3) });
        });
        return hits;
      }
      function best(a, b) { return b.score - a.score || a.lesson - b.lesson; }
      // Lessons with every term first, then those with some.
      var hits = combine(true).sort(best);
      if (perTerm.length > 1) {
        var all = new Set(hits.map(function (h) { return h.lesson; }));
        hits = hits.concat(combine(false).filter(function (h) { return !all.has(h.lesson); }).sort(best));
      }
      return { terms: terms, hits: hits };
    });
  };

  // Titles, links and excerpts for hits[from..to], re-ranked so exact accents come first. Each
  // lesson shows its best sections (a section before any heading only when it is the best);
  // only the best one's text is loaded, for its excerpt: the others show their heading.
  Index.prototype.show = function (result, from, to) {
    var self = this, hits = result.hits.slice(from, to);
    return Promise.all(hits.map(function (h) {
      return self.lesson(h.lesson).then(function (l) {
        var docs = h.sections.map(function (x) { return Math.min(x.doc % SECTIONS, l.d.length - 1); })
          .filter(function (s, i) { return i === 0 || l.d[s][1]; });
        return self.text(h.lesson, l, docs[0]).then(function (text) { return { l: l, docs: docs, text: text }; });
      });
    })).then(function (loaded) {
      var shown = hits.map(function (h, i) {
        var l = loaded[i].l, bonus = 0, title = l.t.trim();
        var sections = loaded[i].docs.map(function (s, k) {
          var d = l.d[s];
          return {
            url: self.root + l.u + (d[0] ? "#" + d[0] : ""),
            heading: d[1] ? mark(d[1], result.terms) : "",
            excerpt: k === 0 ? excerpt(loaded[i].text, result.terms) : "",
            text: d[1] + (k === 0 ? " " + loaded[i].text : "")
          };
        });
        var lower = (title + " " + sections.map(function (x) { return x.text; }).join(" ")).toLowerCase();
        result.terms.forEach(function (t) {
          if (t.exact !== t.folded && new RegExp("(^|[^\\p{L}])" + escapeRegExp(t.exact) + "($|[^\\p{L}])", "u").test(lower)) bonus += 0.05;
        });
        return {
          score: h.score * (1 + bonus), lesson: h.lesson,
          url: sections[0].url, page: self.root + l.u,
          title: mark(title, result.terms), crumbs: l.b, sections: sections
        };
      });
      shown.sort(function (a, b) { return b.score - a.score || a.lesson - b.lesson; });
      return shown;
    });
  };

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // Does a word of the text match a term? It is the term, one of its endings or (typing) starts
  // with it, with or without ñ; or its folded form maps to one of the term's stems in a shard.
  function matches(word, terms) {
    var f = fold(word), loose = f.replace(/ñ/g, "n");
    return terms.some(function (t) {
      if (f === t.folded || loose === t.folded || (t.keys && (t.keys.has(f) || t.keys.has(loose)))) return true;
      if (t.prefix && (f.indexOf(t.folded) === 0 || loose.indexOf(t.folded) === 0)) return true;
      return (t.forms || []).some(function (s) {
        var stems = s.f[f] || (s.t[f] ? [f] : []);
        return stems.some(function (x) { return t.stems && t.stems.indexOf(x) >= 0; });
      });
    });
  }

  // Text with its matching words marked, escaped.
  function mark(text, terms) {
    var out = "", pos = 0;
    words(text).forEach(function (w) {
      if (!matches(w.word, terms)) return;
      out += escapeHtml(text.slice(pos, w.at)) + "<mark>" + escapeHtml(w.word) + "</mark>";
      pos = w.at + w.word.length;
    });
    return out + escapeHtml(text.slice(pos));
  }

  // About 30 words around the best match: the window with the most distinct terms, whole words
  // only (text is plain text: the cut never falls inside markup), matches marked.
  var WINDOW = 30;
  function excerpt(text, terms) {
    var ws = words(text);
    if (!ws.length) return "";
    var hit = ws.map(function (w) {
      var f = fold(w.word);
      for (var k = 0; k < terms.length; k++) if (matches(w.word, [terms[k]])) return k;
      return f === "" ? -1 : -1;
    });
    var best = 0, bestScore = -1;
    for (var i = 0; i < ws.length; i++) {
      if (hit[i] < 0) continue;
      var seen = new Set(), count = 0;
      for (var j = i; j < Math.min(ws.length, i + WINDOW - 8); j++) if (hit[j] >= 0) { seen.add(hit[j]); count++; }
      var score = seen.size * 100 + Math.min(count, 10);
      if (score > bestScore) { bestScore = score; best = i; }
    }
    var start = bestScore < 0 ? 0 : Math.max(0, best - 8), end = Math.min(ws.length, start + WINDOW);
    var from = ws[start].at, to = end < ws.length ? ws[end - 1].at + ws[end - 1].word.length : text.length;
    var out = start > 0 ? "…" : "", pos = from;
    for (var k = start; k < end; k++) {
      var w = ws[k];
      if (hit[k] < 0) continue;
      out += escapeHtml(text.slice(pos, w.at)) + "<mark>" + escapeHtml(w.word) + "</mark>";
      pos = w.at + w.word.length;
    }
    return out + escapeHtml(text.slice(pos, to)) + (end < ws.length ? "…" : "");
  }

  // A lesson: its title (marked), breadcrumbs and up to three sections, each a heading and an
  // excerpt. In the header's listbox an option holds no link (options are not to contain
  // controls): the box follows data-href, the best section, on Enter or a click.
  function sectionBody(x) {
    return (x.heading ? '<span class="sr-heading">' + x.heading + "</span>" : "") +
      (x.excerpt ? '<span class="sr-excerpt">' + x.excerpt + "</span>" : "");
  }
  function head(r) {
    return '<span class="sr-title">' + r.title + "</span>" +
      (r.crumbs ? '<span class="sr-crumbs">' + escapeHtml(r.crumbs) + "</span>" : "");
  }
  function optionHtml(r, id) {
    return '<li role="option" id="' + id + '" aria-selected="false" data-href="' + escapeHtml(r.url) + '">' + head(r) +
      r.sections.map(function (x) { return '<span class="sr-section">' + sectionBody(x) + "</span>"; }).join("") + "</li>";
  }
  function linkHtml(r) {
    return '<li class="sr-lesson"><a href="' + escapeHtml(r.page) + '">' + head(r) + "</a>" +
      (r.sections.length ? '<ul class="sr-sections">' + r.sections.map(function (x) {
        return '<li><a href="' + escapeHtml(x.url) + '">' + sectionBody(x) + "</a></li>";
      }).join("") + "</ul>" : "") + "</li>";
  }

  // The header box, an ARIA combobox with a listbox popup: results as you type, ↑ ↓ move the
  // active option (aria-activedescendant, focus stays in the box), Enter follows it, Escape
  // closes; "/" and Ctrl+K focus the box. The count goes to a live region.
  function Box(form) {
    var input = form.querySelector("input[type=search]");
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var popup = form.querySelector(".search-popup"), footer = form.querySelector(".sr-footer");
    var status = form.querySelector("[role=status]");
    var index = new Index(form.dataset.root), active = -1, seq = 0, timer;
    function unselect() {
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
    function set(open) {
      popup.hidden = !open;
      input.setAttribute("aria-expanded", String(open));
      if (!open) unselect();
    }
    function options() { return list.querySelectorAll("[role=option]"); }
    function highlight(n) {
      var items = options();
      if (!items.length) return;
      active = (n + items.length) % items.length;
      items.forEach(function (el, k) { el.setAttribute("aria-selected", String(k === active)); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }
    function follow(option) {
      if (option && option.dataset.href) window.location.href = option.dataset.href;
    }
    function show(q, result, shown) {
      list.innerHTML = shown.map(function (x, k) { return optionHtml(x, "sr-" + k); }).join("");
      list.hidden = !shown.length;
      // Which query the list answers: typing runs a search at each pause, so it may lag the box.
      list.dataset.query = q;
      footer.innerHTML = shown.length
        ? '<a href="' + escapeHtml(form.action) + "?q=" + encodeURIComponent(q) + '">' + escapeHtml(form.dataset.all) + "</a>"
        : escapeHtml(form.dataset.none);
      status.textContent = shown.length ? form.dataset.count.replace("{n}", String(result.hits.length)) : form.dataset.none;
      unselect();
      set(true);
    }
    function run() {
      var q = input.value, mine = ++seq;
      if (!q.trim()) { set(false); status.textContent = ""; return; }
      index.ready().then(function () { return index.search(q); }).then(function (result) {
        return index.show(result, 0, 8).then(function (shown) { if (mine === seq) show(q, result, shown); });
      }).catch(function (e) { status.textContent = String(e.message || e); });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    input.addEventListener("keydown", function (e) {
      var closed = popup.hidden;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (closed) run(); else highlight(active + (e.key === "ArrowDown" ? 1 : -1));
      }
      else if (e.key === "Escape") {
        // A search still on its way must not open the popup again after Escape closed it.
        clearTimeout(timer);
        seq++;
        if (!closed) { e.preventDefault(); set(false); } else input.blur();
      }
      else if (e.key === "Enter" && !closed && active >= 0) { e.preventDefault(); follow(options()[active]); }
    });
    // A press on an option keeps the focus in the box; its click follows the option.
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    list.addEventListener("click", function (e) { follow(e.target.closest("[role=option]")); });
    input.addEventListener("blur", function () { setTimeout(function () { if (!form.contains(document.activeElement)) set(false); }, 150); });
    document.addEventListener("keydown", function (e) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) || document.activeElement.isContentEditable;
      if ((e.key === "/" && !typing) || (e.key.toLowerCase() === "k" && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  // The search page: reads ?q=, lists every result, ten at a time.
  function Page(section) {
    var form = section.querySelector("form"), input = form.querySelector("input[type=search]");
    var list = section.querySelector(".search-results"), more = section.querySelector(".search-more");
    var status = section.querySelector("[role=status]");
    var index = new Index(section.dataset.root), result = null, shown = 0;
    var q = new URLSearchParams(window.location.search).get("q") || "";
    input.value = q;
    function page() {
      index.show(result, shown, shown + 10).then(function (items) {
        list.insertAdjacentHTML("beforeend", items.map(linkHtml).join(""));
        shown += items.length;
        more.hidden = shown >= result.hits.length;
      });
    }
    more.addEventListener("click", page);
    if (!q.trim()) return;
    index.ready().then(function () { return index.search(q + " "); }).then(function (r) {
      result = r;
      list.innerHTML = "";
      status.textContent = r.hits.length ? section.dataset.count.replace("{n}", String(r.hits.length)) : section.dataset.none;
      page();
    }).catch(function (e) { status.textContent = String(e.message || e); });
  }

  api.Index = Index;
  document.querySelectorAll("form.site-search").forEach(Box);
  document.querySelectorAll("section.search-page").forEach(Page);
})();
