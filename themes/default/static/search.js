// aula search: queries the index in search-index/ (built by `aula build`) from the header box
// and from the search page. Index files are classic scripts that call aulaSearch.*, so this works
// over HTTP under any subpath and from file://. No stemmer here: each shard maps the word forms
// the site uses to their stems; other words, and the word being typed, match by prefix.
(function () {
  "use strict";
  var SECTIONS = 32; // documents per lesson: lesson = doc / 32
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = {};
  for (var i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET[i]] = i;

  var registry = { manifest: null, shards: {}, lessons: {}, waiting: {} };
  var api = (window.aulaSearch = window.aulaSearch || {});
  api.manifest = function (data) { registry.manifest = data; };
  api.shard = function (n, data) { registry.shards[n] = data; };
  api.lesson = function (n, data) { registry.lessons[n] = data; };

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

  // The stems a term stands for: the forms the site uses, or (typing) the forms it starts.
  Index.prototype.stems = function (term) {
    var self = this, n = this.shardOf(term.folded);
    var shards = [this.shard(n)];
    var starts = registry.manifest.shards;
    if (term.prefix && n + 1 < starts.length && starts[n + 1].indexOf(term.folded) === 0) shards.push(this.shard(n + 1));
    return Promise.all(shards).then(function (loaded) {
      var exact = new Set(), prefixed = new Set();
      loaded.forEach(function (s) {
        (s.f[term.folded] || []).forEach(function (x) { exact.add(x); });
        if (s.t[term.folded]) exact.add(term.folded);
        if (!term.prefix) return;
        Object.keys(s.f).forEach(function (form) {
          if (form.indexOf(term.folded) === 0) s.f[form].forEach(function (x) { prefixed.add(x); });
        });
        Object.keys(s.t).forEach(function (stem) { if (stem.indexOf(term.folded) === 0) prefixed.add(stem); });
      });
      exact.forEach(function (x) { prefixed.delete(x); });
      term.forms = loaded;
      var found = { exact: Array.from(exact), prefixed: Array.from(prefixed).slice(0, 40) };
      return exact.size ? found : self.stemPrefix(term).then(function (stem) {
        if (stem) found.exact.push(stem);
        return found;
      });
    });
  };

  // A form the site never used (`devoluciones` when it only says `devolución`) still finds the
  // longest stem it starts with, if that stem is most of the word: no backing off to a short
  // prefix that would match unrelated words.
  Index.prototype.stemPrefix = function (term) {
    var self = this, word = term.folded, min = Math.max(4, Math.ceil(word.length / 2));
    var candidates = [];
    for (var len = word.length - 1; len >= min; len--) candidates.push(word.slice(0, len));
    var shards = Array.from(new Set(candidates.map(function (p) { return self.shardOf(p); })));
    return Promise.all(shards.map(function (n) { return self.shard(n); })).then(function () {
      for (var i = 0; i < candidates.length; i++) {
        var s = registry.shards[self.shardOf(candidates[i])];
        if (s && s.t[candidates[i]]) return candidates[i];
      }
      return null;
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

  // BM25 over precomputed impacts: all terms required, else any; best first.
  Index.prototype.search = function (query) {
    var self = this, terms = this.terms(query);
    if (!terms.length) return Promise.resolve({ terms: terms, hits: [] });
    var total = registry.manifest.docs;
    return Promise.all(terms.map(function (term) {
      return self.stems(term).then(function (stems) {
        var all = stems.exact.map(function (s) { return [s, 1]; })
          .concat(stems.prefixed.map(function (s) { return [s, 0.8]; }));
        return Promise.all(all.map(function (pair) {
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
        return { scores: scores, optional: optional && lists.some(Boolean) };
      });
    })).then(function (perTerm) {
      var required = perTerm.filter(function (t) { return !t.optional; });
      function combine(needAll) {
        var acc = new Map();
        perTerm.forEach(function (t) {
          t.scores.forEach(function (s, doc) { acc.set(doc, (acc.get(doc) || 0) + s); });
        });
        var hits = [];
        acc.forEach(function (score, doc) {
          if (needAll && !required.every(function (t) { return t.scores.has(doc); })) return;
          hits.push({ doc: doc, score: score });
        });
        return hits;
      }
      var hits = combine(true);
      if (!hits.length && perTerm.length > 1) hits = combine(false);
      hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return { terms: terms, hits: hits };
    });
  };

  // Titles, links and excerpts for hits[from..to], re-ranked so exact accents come first.
  Index.prototype.show = function (result, from, to) {
    var self = this, hits = result.hits.slice(from, to);
    return Promise.all(hits.map(function (h) { return self.lesson(Math.floor(h.doc / SECTIONS)); })).then(function (lessons) {
      var shown = hits.map(function (h, i) {
        var l = lessons[i], d = l.d[h.doc % SECTIONS] || l.d[0];
        var text = d[2], lower = (d[1] + " " + text).toLowerCase(), bonus = 0;
        result.terms.forEach(function (t) {
          if (t.exact !== t.folded && new RegExp("(^|[^\\p{L}])" + escapeRegExp(t.exact) + "($|[^\\p{L}])", "u").test(lower)) bonus += 0.05;
        });
        return {
          score: h.score * (1 + bonus), doc: h.doc,
          url: self.root + l.u + (d[0] ? "#" + d[0] : ""),
          title: l.t, heading: d[1], crumbs: l.b,
          excerpt: excerpt(text, result.terms)
        };
      });
      shown.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return shown;
    });
  };

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // Does a word of the text match a term? Its folded form maps to one of the term's stems in a
  // loaded shard, or it starts with the word being typed.
  function matches(word, terms) {
    var f = fold(word);
    return terms.some(function (t) {
      if (f === t.folded || (t.prefix && f.indexOf(t.folded) === 0)) return true;
      return (t.forms || []).some(function (s) {
        var stems = s.f[f] || (s.t[f] ? [f] : []);
        return stems.some(function (x) { return t.stems && t.stems.indexOf(x) >= 0; });
      });
    });
  }

  // About 30 words around the first match, matches marked.
  function excerpt(text, terms) {
    var ws = words(text), first = -1;
    for (var i = 0; i < ws.length; i++) if (matches(ws[i].word, terms)) { first = i; break; }
    var start = Math.max(0, first - 8), end = Math.min(ws.length, start + 30);
    if (!ws.length) return "";
    var from = ws[start].at, to = end < ws.length ? ws[end - 1].at + ws[end - 1].word.length : text.length;
    var out = start > 0 ? "…" : "", pos = from;
    for (var j = start; j < end; j++) {
      var w = ws[j];
      if (!matches(w.word, terms)) continue;
      out += escapeHtml(text.slice(pos, w.at)) + "<mark>" + escapeHtml(w.word) + "</mark>";
      pos = w.at + w.word.length;
    }
    return out + escapeHtml(text.slice(pos, to)) + (end < ws.length ? "…" : "");
  }

  function resultBody(r) {
    var title = escapeHtml(r.title) + (r.heading ? " › " + escapeHtml(r.heading) : "");
    return '<span class="sr-title">' + title + "</span>" +
      (r.crumbs ? '<span class="sr-crumbs">' + escapeHtml(r.crumbs) + "</span>" : "") +
      '<span class="sr-excerpt">' + r.excerpt + "</span>";
  }
  // An option of the header's listbox holds no link (options are not to contain controls): the
  // box follows data-href on Enter or a click.
  function optionHtml(r, id) {
    return '<li role="option" id="' + id + '" aria-selected="false" data-href="' + escapeHtml(r.url) + '">' +
      resultBody(r) + "</li>";
  }
  function linkHtml(r) {
    return '<li><a href="' + escapeHtml(r.url) + '">' + resultBody(r) + "</a></li>";
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
