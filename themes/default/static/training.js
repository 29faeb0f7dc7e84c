// aula default theme: training features. Learner progress (lessons done, quiz answers) is kept
// in localStorage under each lesson's stable id, so it survives rebuilds and reordering; quizzes
// are checked in the page; code blocks are copied without their prompts and output; the instructor
// view and the printable course's toggles. Every word
// shown comes from the page, in the site's language. Without JavaScript, the controls stay
// hidden and quiz answers can still be revealed.
//
// In a SCORM package the same file runs the launch page (`html[data-aula-launch]`): it talks to
// the LMS's SCORM API and shows the course's pages in an iframe; those pages report each progress
// change to it through `window.aulaLms`. Where the site has `data-xapi`, pages also send xAPI
// statements to a Learning Record Store. Outside an LMS and without xAPI, the site is unchanged.
(function () {
  "use strict";
  var KEY = "aula-progress";
  var script = document.currentScript;
  var doneLabel = (script && script.getAttribute("data-done-label")) || "";
  var root = new URL((script && script.getAttribute("data-root")) || "./", location.href);
  var language = document.documentElement.lang || "und";

  function each(selector, action, scope) {
    Array.prototype.forEach.call((scope || document).querySelectorAll(selector), action);
  }

  // Pages leave a lesson's `data-lesson-id` empty where the id is the lesson's path (most lessons
  // do not set their own); it is read here, before anything looks at it, from the element's link
  // (sidebar, listings) or, on the lesson itself, from the page's address.
  function pathOf(item) {
    var link = item.matches("article.lesson") ? null : item.querySelector("a[href]");
    var path = new URL(link ? link.href : location.href).pathname.slice(root.pathname.length);
    return decodeURIComponent(path).replace(/(^|\/)index\.html$/, "").replace(/\/$/, "");
  }
  each('[data-lesson-id=""]', function (item) {
    item.setAttribute("data-lesson-id", pathOf(item));
  });

  // ---- storage: { version: 1, lessons: { "<lesson id>": { done: true, quizzes: { "1": {...} },
  //      updated: <ms since 1970> } } }. `updated`, set on every change, decides which record of a
  //      lesson wins when progress is imported; records saved before it existed count as oldest.

  function empty() {
    return { version: 1, lessons: {} };
  }

  function parse(text) {
    try {
      var data = JSON.parse(text);
      if (data && data.lessons && typeof data.lessons === "object" && !Array.isArray(data.lessons)) {
        return { version: 1, lessons: data.lessons };
      }
    } catch (e) { /* not JSON */ }
    return null;
  }

  function load() {
    try {
      return parse(localStorage.getItem(KEY)) || empty();
    } catch (e) {
      return empty(); // storage may be off
    }
  }

  function save(data) {
    try { localStorage.setItem(KEY, JSON.stringify(data)); } catch (e) { /* storage may be off */ }
  }

  function entry(data, id, create) {
    var found = Object.prototype.hasOwnProperty.call(data.lessons, id) ? data.lessons[id] : null;
    if (!found && create) found = data.lessons[id] = {};
    return found;
  }

  // The record of lesson `id`, about to change.
  function touch(data, id) {
    var found = entry(data, id, true);
    found.updated = Date.now();
    return found;
  }

  function stamp(record) {
    return typeof record.updated === "number" ? record.updated : 0;
  }

  // Takes from `imported` each lesson's record that is newer than the one kept here.
  function merge(data, imported) {
    var counts = { imported: 0, kept: 0 };
    Object.keys(imported.lessons).forEach(function (id) {
      var theirs = imported.lessons[id];
      if (!theirs || typeof theirs !== "object") return;
      var ours = entry(data, id, false);
      if (ours && stamp(ours) >= stamp(theirs)) {
        counts.kept += 1;
      } else {
        data.lessons[id] = theirs;
        counts.imported += 1;
      }
    });
    return counts;
  }

  function isDone(data, id) {
    var found = entry(data, id, false);
    return !!(found && found.done);
  }

  // Changes the stored progress, reading it afresh: another page may have changed it meanwhile.
  function update(change) {
    var data = load();
    change(data);
    save(data);
    refresh(data);
    var lms = packageLaunch();
    if (lms) {
      try { lms.saved(data); } catch (e) { /* the launch page is going away */ }
    }
    if (xapi) xapi.courseDone(data);
    return data;
  }

  // The launch page around this page, inside a SCORM package (same origin only: a cross-origin
  // parent throws on access).
  function packageLaunch() {
    try {
      var lms = window.parent !== window && window.parent.aulaLms;
      return lms && typeof lms.saved === "function" ? lms : null;
    } catch (e) {
      return null;
    }
  }

  function jsonAttribute(name) {
    try {
      var value = script && script.getAttribute(name);
      return value ? JSON.parse(value) : null;
    } catch (e) {
      return null;
    }
  }

  var xapi = xapiClient(jsonAttribute("data-xapi"));
  if (document.documentElement.hasAttribute("data-aula-launch")) {
    launch(jsonAttribute("data-launch") || {});
    return;
  }

  // ---- what the page shows of the progress

  function refresh(data) {
    each(".course-nav [data-lesson-id], .entries [data-lesson-id], .schedule [data-lesson-id]", function (item) {
      mark(item, isDone(data, item.getAttribute("data-lesson-id")));
    });
    each(".lesson-done", function (button) {
      var lesson = button.closest("[data-lesson-id]");
      if (!lesson) return;
      var done = isDone(data, lesson.getAttribute("data-lesson-id"));
      button.setAttribute("aria-pressed", String(done));
      button.textContent = button.getAttribute(done ? "data-undo" : "data-mark");
    });
    each(".course-progress", function (box) {
      var ids = box.querySelectorAll(".progress-lessons [data-lesson-id]");
      var done = Array.prototype.filter.call(ids, function (li) {
        return isDone(data, li.getAttribute("data-lesson-id"));
      }).length;
      var bar = box.querySelector(".progress-bar");
      bar.max = ids.length;
      bar.value = done;
      box.querySelector(".progress-text").textContent =
        box.getAttribute("data-summary").replace("{done}", done).replace("{total}", ids.length);
    });
  }

  function mark(item, done) {
    item.classList.toggle("is-done", done);
    var found = item.querySelector(".done-mark");
    var link = item.querySelector("a");
    if (done && !found && link) {
      var check = document.createElement("span");
      check.className = "done-mark";
      check.title = doneLabel;
      var symbol = document.createElement("span");
      symbol.setAttribute("aria-hidden", "true");
      symbol.textContent = "✓";
      var words = document.createElement("span");
      words.className = "visually-hidden";
      words.textContent = doneLabel;
      check.append(symbol, words);
      link.after(check);
    } else if (!done && found) {
      found.remove();
    }
  }

  // ---- "mark as done"

  each(".lesson-done", function (button) {
    var lesson = button.closest("[data-lesson-id]");
    if (!lesson) return;
    var id = lesson.getAttribute("data-lesson-id");
    button.setAttribute("data-mark", button.textContent);
    button.hidden = false;
    button.addEventListener("click", function () {
      if (xapi && !isDone(load(), id)) xapi.lessonCompleted(lesson);
      update(function (data) {
        var found = touch(data, id);
        if (found.done) {
          delete found.done;
        } else {
          found.done = true;
          // A course's quiz count, for its score, is the sum over its lessons, each counted here
          // (a lesson is open when it is marked done).
          found.quizCount = lesson.querySelectorAll(".quiz").length;
        }
      });
    });
  });

  // ---- export, import, reset

  each(".course-progress", function (box) {
    box.hidden = false;
    var status = box.querySelector(".progress-status");
    box.querySelector(".progress-export").addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(load(), null, 2) + "\n"], { type: "application/json" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "aula-progress.json";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    });
    var input = box.querySelector(".progress-import input");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        var imported = parse(String(reader.result));
        input.value = "";
        if (!imported) {
          status.textContent = box.getAttribute("data-import-failed");
          return;
        }
        var counts;
        update(function (data) { counts = merge(data, imported); });
        var said = box.getAttribute("data-imported").replace("{imported}", counts.imported);
        if (counts.kept) said += " " + box.getAttribute("data-import-kept").replace("{kept}", counts.kept);
        status.textContent = said;
      };
      reader.readAsText(file);
    });
    var reset = box.querySelector(".progress-reset");
    reset.querySelector("button").addEventListener("click", function () {
      try { localStorage.removeItem(KEY); } catch (e) { /* storage may be off */ }
      refresh(empty());
      reset.open = false;
      status.textContent = "";
    });
  });

  // ---- quizzes: checked here, the answer kept with the lesson around the quiz

  function chosen(inputs) {
    var values = [];
    Array.prototype.forEach.call(inputs, function (input) {
      if (input.checked) values.push(Number(input.value));
    });
    return values;
  }

  // Nothing chosen: says so, and forgets what an earlier check showed.
  function askToChoose(quiz, inputs) {
    Array.prototype.forEach.call(inputs, function (input) {
      var option = input.closest(".quiz-option");
      option.classList.remove("is-chosen-right", "is-chosen-wrong");
      var feedback = option.querySelector(".quiz-feedback");
      if (feedback) feedback.hidden = true;
    });
    quiz.classList.remove("is-right", "is-wrong");
    var result = quiz.querySelector(".quiz-result");
    result.textContent = result.getAttribute("data-choose");
  }

  function showResult(quiz, inputs) {
    var right = true;
    Array.prototype.forEach.call(inputs, function (input) {
      var option = input.closest(".quiz-option");
      var correct = input.hasAttribute("data-correct");
      if (input.checked !== correct) right = false;
      option.classList.toggle("is-chosen-right", input.checked && correct);
      option.classList.toggle("is-chosen-wrong", input.checked && !correct);
      var feedback = option.querySelector(".quiz-feedback");
      if (feedback) feedback.hidden = !input.checked;
    });
    quiz.classList.toggle("is-right", right);
    quiz.classList.toggle("is-wrong", !right);
    var result = quiz.querySelector(".quiz-result");
    result.textContent = result.getAttribute(right ? "data-correct" : "data-incorrect");
    return right;
  }

  var stored = load();
  each(".quiz", function (quiz) {
    var lesson = quiz.closest("[data-lesson-id]");
    var id = lesson && lesson.getAttribute("data-lesson-id");
    var number = quiz.getAttribute("data-quiz");
    var inputs = quiz.querySelectorAll(".quiz-options input");
    quiz.querySelector(".quiz-actions").hidden = false;
    var found = id && entry(stored, id, false);
    var answer = found && found.quizzes && found.quizzes[number];
    if (answer && Array.isArray(answer.answer)) {
      Array.prototype.forEach.call(inputs, function (input) {
        input.checked = answer.answer.indexOf(Number(input.value)) >= 0;
      });
      showResult(quiz, inputs);
    }
    quiz.querySelector(".quiz-check").addEventListener("click", function () {
      var values = chosen(inputs);
      if (!values.length) {
        askToChoose(quiz, inputs);
        return;
      }
      var right = showResult(quiz, inputs);
      if (!id) return;
      if (xapi) xapi.quizAnswered(lesson, quiz, values, right);
      update(function (data) {
        var lessonEntry = touch(data, id);
        lessonEntry.quizzes = lessonEntry.quizzes || {};
        lessonEntry.quizzes[number] = { answer: values, correct: right };
      });
    });
  });

  // ---- code blocks: the copy button copies what a learner would type, without prompts and output

  var copyStatus = null;
  if (document.querySelector(".code-copy")) {
    // One live region, there before anything is said in it, so that screen readers announce it.
    copyStatus = document.createElement("p");
    copyStatus.className = "visually-hidden code-copy-status";
    copyStatus.setAttribute("role", "status");
    document.body.append(copyStatus);
  }

  function typed(code) {
    var copy = code.cloneNode(true);
    each(".prompt, .console-output", function (part) { part.remove(); }, copy);
    return copy.textContent.replace(/\n$/, "");
  }

  // Pages opened from disk may have no Clipboard API, or one that refuses: a selected textarea
  // and the older copy command then do it.
  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "code-copy-buffer";
    document.body.append(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { /* not allowed here */ }
    area.remove();
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () { return copyWithSelection(text); });
    }
    return copyWithSelection(text);
  }

  each(".code-copy", function (button) {
    var block = button.closest(".code-block");
    var code = block && block.querySelector("code");
    if (!code) return;
    button.hidden = false;
    block.classList.add("has-copy");
    button.addEventListener("click", function () {
      copyText(typed(code)).then(function () {
        button.focus();
        button.classList.add("is-copied");
        copyStatus.textContent = "";
        // A new text, a moment later, so that copying twice is announced twice.
        setTimeout(function () { copyStatus.textContent = button.getAttribute("data-copied"); }, 50);
        setTimeout(function () { button.classList.remove("is-copied"); }, 2000);
      }, function () { button.focus(); });
    });
  });

  // ---- instructor view: shows `instructor` blocks; remembered across pages

  var html = document.documentElement;
  var toggles = document.querySelectorAll(".instructor-toggle");
  function syncToggles() {
    Array.prototype.forEach.call(toggles, function (button) {
      button.setAttribute("aria-pressed", String(html.dataset.instructor === "on"));
    });
  }
  Array.prototype.forEach.call(toggles, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var on = html.dataset.instructor !== "on";
      if (on) html.dataset.instructor = "on"; else delete html.dataset.instructor;
      try { localStorage.setItem("aula-instructor", on ? "on" : "off"); } catch (e) { /* storage may be off */ }
      syncToggles();
    });
  });
  syncToggles();

  // ---- the printable course

  each(".print-tools", function (tools) {
    tools.hidden = false;
    var solutions = tools.querySelector(".show-solutions");
    solutions.addEventListener("change", function () {
      each("details.block-solution, details.block-hint", function (details) { details.open = solutions.checked; });
    });
    var print = tools.querySelector(".print-button");
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  });

  refresh(stored);
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) refresh(load());
  });
  if (xapi) xapi.pageOpened(stored);


  // ---- the course's state, for the LMS and the LRS: lessons done and quizzes right among the
  //      course's lessons, out of `quizzes`

  function courseState(data, lessons, quizzes, passingScore) {
    var state = { done: 0, right: 0, answered: 0, quizzes: quizzes };
    lessons.forEach(function (id) {
      var record = entry(data, id, false);
      if (!record) return;
      if (record.done) state.done += 1;
      var answers = record.quizzes && typeof record.quizzes === "object" ? record.quizzes : {};
      Object.keys(answers).forEach(function (number) {
        state.answered += 1;
        if (answers[number] && answers[number].correct) state.right += 1;
      });
    });
    // Answers kept from quizzes a rebuild has since removed must not score above the top.
    state.right = Math.min(state.right, quizzes);
    state.answered = Math.min(state.answered, quizzes);
    state.complete = state.done >= lessons.length;
    state.percent = quizzes > 0 ? Math.round((100 * state.right) / quizzes) : 100;
    state.passed = state.percent >= passingScore;
    return state;
  }

  // ---- the launch page of a SCORM package: finds the LMS's API, restores the learner's progress
  //      from it, opens the page to show, and reports completion, score, location and progress
  //      after every change. It alone initialises and terminates: the pages in its iframe come
  //      and go within one launch.

  function launch(course) {
    var frame = document.querySelector(".launch-frame");
    var lessons = Array.isArray(course.lessons) ? course.lessons : [];
    var quizzes = Number(course.quizzes) || 0;
    var passingScore = Number(course.passing_score) || 0;
    var scorm = connect(course.scorm);
    var learner = null;
    var current = null;
    var started = Date.now();
    var finished = false;

    if (scorm) {
      var stored = scorm.get("cmi.suspend_data");
      var kept = parse(stored) || expandCompact(stored, lessons);
      if (kept) {
        var data = load();
        merge(data, kept);
        save(data);
      }
      learner = { id: scorm.get(scorm.names.learnerId), name: scorm.get(scorm.names.learnerName) };
      current = insidePackage(scorm.get(scorm.names.location));
      // A passing score the LMS sets for this attempt wins over the package's: the LMS judges
      // the score by its own (scorm-again, like others, turns the status to passed or failed).
      var given = scorm.get(scorm.names.passingScore);
      if (given !== "" && isFinite(Number(given))) {
        passingScore = Number(given) * (course.scorm === "2004" ? 100 : 1);
      }
    }
    window.aulaLms = {
      course: { id: course.course, title: course.title, lessons: lessons, quizzes: quizzes, passing_score: passingScore },
      learner: function () { return learner; },
      saved: function (data) { if (scorm) report(data && data.lessons ? data : load()); }
    };
    var asked = insidePackage(new URLSearchParams(location.search).get("page"));
    frame.src = asked || current || course.start || "index.html";
    if (!scorm) return;

    frame.addEventListener("load", function () {
      var shown = framePath();
      if (shown) {
        current = shown;
        report(load());
      }
    });
    report(load());
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);

    function framePath() {
      var href;
      try { href = frame.contentWindow.location.href; } catch (e) { return null; } // left the package
      var base = root.href.replace(/[?#].*$/, "");
      if (href.indexOf(base) !== 0) return null;
      var path = href.slice(base.length).replace(/[?#].*$/, "");
      return insidePackage(/(^|\/)$/.test(path) ? path + "index.html" : path);
    }

    function report(data) {
      var names = scorm.names;
      var state = courseState(data, lessons, quizzes, passingScore);
      if (course.scorm === "2004") {
        scorm.set("cmi.completion_status", state.complete ? "completed" : "incomplete");
        var judged = quizzes > 0 ? state.complete || state.answered >= quizzes : state.complete;
        scorm.set("cmi.success_status", judged ? (state.passed ? "passed" : "failed") : "unknown");
        if (quizzes > 0) {
          scorm.set("cmi.score.min", "0");
          scorm.set("cmi.score.max", String(quizzes));
          scorm.set("cmi.score.raw", String(state.right));
          scorm.set("cmi.score.scaled", String(Math.round((10000 * state.right) / quizzes) / 10000));
        }
      } else {
        var status = "incomplete";
        if (state.complete) status = quizzes > 0 ? (state.passed ? "passed" : "failed") : "completed";
        scorm.set("cmi.core.lesson_status", status);
        if (quizzes > 0) {
          scorm.set("cmi.core.score.min", "0");
          scorm.set("cmi.core.score.max", "100");
          scorm.set("cmi.core.score.raw", String(state.percent));
        }
      }
      if (current) scorm.set(names.location, current);
      var suspended = suspendData(data, lessons, names.suspendLimit);
      if (suspended !== null) scorm.set("cmi.suspend_data", suspended);
      // "suspend": the LMS keeps location and suspend data for the learner's next launch.
      scorm.set(names.exit, "suspend");
      scorm.commit();
    }

    function finish() {
      if (finished) return;
      finished = true;
      report(load());
      var seconds = (Date.now() - started) / 1000;
      scorm.set(scorm.names.sessionTime, course.scorm === "2004" ? isoDuration(seconds) : timespan(seconds));
      scorm.commit();
      scorm.finish();
    }
  }

  // A path the launch page may open: relative, inside the package (no scheme, no `..`, no
  // leading slash), or null.
  function insidePackage(path) {
    if (typeof path !== "string" || !path) return null;
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || /^[\/\\]/.test(path) || /\\|%2e|%2f|%5c/i.test(path)) return null;
    if (path.split("/").indexOf("..") >= 0) return null;
    return path;
  }

  // The progress of the course's lessons, as compact JSON that fits in `limit` characters, or
  // null. SCORM 1.2 allows only 4096: when the whole record does not fit, the chosen answers go
  // first (lessons done and quizzes right, which completion and score need, stay), then the
  // records of lessons not done, and last the lesson ids themselves (`compactForm`). The Rust
  // side (`package::most_progress`) refuses a package whose compact form could not fit.
  function suspendData(data, lessons, limit) {
    var kept = { version: 1, lessons: {} };
    lessons.forEach(function (id) {
      var record = entry(data, id, false);
      if (record) kept.lessons[id] = record;
    });
    var text = JSON.stringify(kept);
    if (text.length <= limit) return text;
    Object.keys(kept.lessons).forEach(function (id) {
      var record = kept.lessons[id];
      var slim = { updated: record.updated };
      if (record.done) slim.done = true;
      if (record.quizzes) {
        slim.quizzes = {};
        Object.keys(record.quizzes).forEach(function (n) {
          slim.quizzes[n] = { correct: !!(record.quizzes[n] && record.quizzes[n].correct) };
        });
      }
      kept.lessons[id] = slim;
    });
    text = JSON.stringify(kept);
    if (text.length <= limit) return text;
    Object.keys(kept.lessons).forEach(function (id) {
      if (!kept.lessons[id].done) delete kept.lessons[id];
    });
    text = JSON.stringify(kept);
    if (text.length <= limit) return text;
    text = JSON.stringify(compactForm(data, lessons));
    return text.length <= limit ? text : null;
  }

  // The compact form names lessons by their position in the launch page's `lessons` (the
  // course's lessons in reading order, the same at every launch of one package):
  //   { "version": 1, "compact": { "at": <the latest `updated`, ms>, "done": "0110…",
  //     "right": { "<position>": [<quiz numbers answered right>] }, "wrong": { … } } }
  // `done` has one character per lesson, "1" done, "0" not: 4096 characters hold thousands of
  // lessons that way, so packing bits (base 32, five lessons a character) would save a few
  // hundred characters no course needs, and make the check of its length against `lessons`
  // (see `expandCompact`) need a count of its own. Quizzes answered wrong are kept too: 2004
  // judges success only once every quiz is answered. The answers chosen are not kept.
  function compactForm(data, lessons) {
    var compact = { at: 0, done: "", right: {}, wrong: {} };
    lessons.forEach(function (id, position) {
      var record = entry(data, id, false) || {};
      compact.at = Math.max(compact.at, stamp(record));
      compact.done += record.done ? "1" : "0";
      var answers = record.quizzes && typeof record.quizzes === "object" ? record.quizzes : {};
      Object.keys(answers).forEach(function (n) {
        if (!/^[0-9]+$/.test(n)) return;
        var side = answers[n] && answers[n].correct ? compact.right : compact.wrong;
        (side[position] = side[position] || []).push(Number(n));
      });
    });
    return { version: 1, compact: compact };
  }

  // Progress from a compact form (`compactForm`) as ordinary records, all as new as its `at`,
  // or null if `text` is not one. A form whose `done` is not as long as `lessons` was written by
  // a build with other lessons: its positions may name other lessons now, so rather than mark
  // lessons the learner never did, it is ignored (the learner's own browser may still keep them).
  function expandCompact(text, lessons) {
    var compact;
    try { compact = JSON.parse(text).compact; } catch (e) { return null; }
    if (!compact || typeof compact.done !== "string" || compact.done.length !== lessons.length) return null;
    var at = typeof compact.at === "number" ? compact.at : 0;
    var data = empty();
    lessons.forEach(function (id, position) {
      var record = { updated: at };
      if (compact.done.charAt(position) === "1") record.done = true;
      [[compact.right, true], [compact.wrong, false]].forEach(function (side) {
        var numbers = side[0] && Array.isArray(side[0][position]) ? side[0][position] : [];
        numbers.forEach(function (n) {
          record.quizzes = record.quizzes || {};
          record.quizzes[n] = { correct: side[1] };
        });
      });
      if (record.done || record.quizzes) data.lessons[id] = record;
    });
    return data;
  }

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) text = "0" + text;
    return text;
  }

  // SCORM 1.2's CMITimespan, HHHH:MM:SS.SS.
  function timespan(seconds) {
    var hundredths = Math.min(Math.round(seconds * 100), 9999 * 360000 + 359999);
    var hours = Math.floor(hundredths / 360000);
    var minutes = Math.floor((hundredths % 360000) / 6000);
    var rest = hundredths % 6000;
    return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(Math.floor(rest / 100), 2) + "." + pad(rest % 100, 2);
  }

  // SCORM 2004's timeinterval, an ISO 8601 duration: PT#H#M#S.
  function isoDuration(seconds) {
    var hundredths = Math.round(seconds * 100);
    var hours = Math.floor(hundredths / 360000);
    var minutes = Math.floor((hundredths % 360000) / 6000);
    return "PT" + hours + "H" + minutes + "M" + (hundredths % 6000) / 100 + "S";
  }

  // The LMS's SCORM API of `version` ("1.2" or "2004"), initialised, behind one set of names, or
  // null where there is none (the package then works as the plain site).
  function connect(version) {
    var names = {
      "1.2": {
        api: "API", climb: 7, init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue",
        commit: "LMSCommit", finish: "LMSFinish", error: "LMSGetLastError", initialised: "101",
        location: "cmi.core.lesson_location", exit: "cmi.core.exit", sessionTime: "cmi.core.session_time",
        learnerId: "cmi.core.student_id", learnerName: "cmi.core.student_name", suspendLimit: 4096,
        passingScore: "cmi.student_data.mastery_score"
      },
      "2004": {
        api: "API_1484_11", climb: 500, init: "Initialize", get: "GetValue", set: "SetValue",
        commit: "Commit", finish: "Terminate", error: "GetLastError", initialised: "103",
        location: "cmi.location", exit: "cmi.exit", sessionTime: "cmi.session_time",
        learnerId: "cmi.learner_id", learnerName: "cmi.learner_name", suspendLimit: 64000,
        passingScore: "cmi.scaled_passing_score"
      }
    }[version];
    if (!names) return null;
    var api = findApi(window, names) || findOpenerApi(names);
    if (!api) return null;
    function call(method, a, b) {
      try { return api[names[method]](a, b); } catch (e) { return "false"; }
    }
    // Another part of the LMS may have initialised this attempt already: that is no failure.
    if (String(call("init", "")) !== "true" && String(call("error")) !== names.initialised) return null;
    return {
      names: names,
      get: function (element) {
        var value = call("get", element);
        return value === null || value === undefined ? "" : String(value);
      },
      set: function (element, value) { return String(call("set", element, value)) === "true"; },
      commit: function () { return String(call("commit", "")) === "true"; },
      finish: function () { return String(call("finish", "")) === "true"; }
    };
  }

  // SCORM's API discovery: the window itself and its parents, a bounded number of them.
  function findApi(win, names) {
    for (var i = 0; win && i <= names.climb; i += 1) {
      try {
        if (win[names.api]) return win[names.api];
      } catch (e) { /* a window of another origin: go on to its parent */ }
      if (win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  function findOpenerApi(names) {
    try {
      return window.opener ? findApi(window.opener, names) : null;
    } catch (e) {
      return null;
    }
  }

  // ---- xAPI: statements about what the learner does, queued in localStorage and sent to the
  //      Learning Record Store of `data-xapi` ({endpoint, auth, activity_base}) as soon as it
  //      answers. Activity IRIs come from lesson ids, so they survive rebuilds and reordering.

  function xapiClient(config) {
    if (!config || typeof config.endpoint !== "string" || !config.endpoint) return null;
    var QUEUE = "aula-xapi-queue";
    var VERBS = "http://adlnet.gov/expapi/verbs/";
    var TYPES = "http://adlnet.gov/expapi/activities/";
    var endpoint = config.endpoint.replace(/\/?$/, "/") + "statements";
    var base = String(config.activity_base || root.href).replace(/\/?$/, "/");
    var sending = false;
    var again = false;

    function iri(id) {
      return base + String(id).split("/").map(encodeURIComponent).join("/");
    }

    function named(text) {
      var map = {};
      map[language] = text;
      return map;
    }

    function activity(id, type, name) {
      var definition = { type: TYPES + type };
      if (name) definition.name = named(name);
      return { objectType: "Activity", id: id, definition: definition };
    }

    function readQueue() {
      try {
        var queue = JSON.parse(localStorage.getItem(QUEUE));
        return Array.isArray(queue) ? queue : [];
      } catch (e) {
        return [];
      }
    }

    function writeQueue(queue) {
      try {
        if (queue.length) localStorage.setItem(QUEUE, JSON.stringify(queue)); else localStorage.removeItem(QUEUE);
      } catch (e) { /* storage may be off or full */ }
    }

    function headers() {
      var sent = { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3" };
      if (config.auth) sent.Authorization = config.auth;
      return sent;
    }

    // Posts the queue's oldest statements; only those the LRS took (2xx) leave it. A failure
    // keeps them for the next load, the next statement, or the browser going back online.
    function send() {
      if (sending) {
        again = true;
        return;
      }
      var batch = readQueue().slice(0, 50);
      if (!batch.length || typeof fetch !== "function") return;
      sending = true;
      again = false;
      fetch(endpoint, { method: "POST", headers: headers(), body: JSON.stringify(batch), credentials: "omit" })
        .then(function (response) { return response.ok; }, function () { return false; })
        .then(function (ok) {
          if (ok) {
            var sent = {};
            batch.forEach(function (statement) { sent[statement.id] = true; });
            writeQueue(readQueue().filter(function (statement) { return !sent[statement.id]; }));
          }
          sending = false;
          if (again || (ok && readQueue().length)) send();
        });
    }

    // A page going away may not wait for an answer: the browser sends this request on its own.
    // The statements stay queued until a later page sees them taken; the LRS keeps one copy
    // of a statement it gets twice (same id, same content).
    function sendOnLeaving() {
      var batch = readQueue();
      var body = JSON.stringify(batch);
      while (batch.length > 1 && body.length > 60000) {
        batch = batch.slice(0, Math.ceil(batch.length / 2));
        body = JSON.stringify(batch);
      }
      if (!batch.length || typeof fetch !== "function") return;
      try {
        fetch(endpoint, { method: "POST", headers: headers(), body: body, keepalive: true, credentials: "omit" })
          .catch(function () { /* kept in the queue */ });
      } catch (e) { /* kept in the queue */ }
    }

    function enqueue(statement) {
      var queue = readQueue();
      queue.push(statement);
      // A learner offline for weeks must not fill the storage the progress lives in.
      writeQueue(queue.slice(-1000));
      send();
    }

    function actor() {
      var lms = packageLaunch();
      var learner = lms && lms.learner && lms.learner();
      if (learner && learner.id) {
        var known = { objectType: "Agent", account: { homePage: base, name: learner.id } };
        if (learner.name) known.name = learner.name;
        return known;
      }
      return { objectType: "Agent", account: { homePage: base, name: anonymousLearner() } };
    }

    function statement(verb, object, result, parent, grouping) {
      var made = {
        id: uuid(),
        timestamp: new Date().toISOString(),
        actor: actor(),
        verb: { id: VERBS + verb, display: { "en-US": verb } },
        object: object,
        context: { language: language }
      };
      if (result) made.result = result;
      if (parent) {
        made.context.contextActivities = { parent: [{ objectType: "Activity", id: parent }] };
        if (grouping) made.context.contextActivities.grouping = [{ objectType: "Activity", id: grouping }];
      }
      return made;
    }

    function lessonTitle(lesson) {
      var heading = lesson.querySelector("h1") || document.querySelector("main h1");
      return heading ? heading.textContent.trim() : document.title;
    }

    function tell(verb, object, result, parent, grouping) {
      try {
        enqueue(statement(verb, object, result, parent, grouping));
      } catch (e) { /* never into the page */ }
    }

    function lessonActivity(lesson) {
      return activity(iri(lesson.getAttribute("data-lesson-id")), "lesson", lessonTitle(lesson));
    }

    function courseIri() {
      var course = pageCourse();
      return course ? iri(course.id) : null;
    }

    window.addEventListener("online", send);
    window.addEventListener("pagehide", sendOnLeaving);

    return {
      pageOpened: function (data) {
        var lesson = document.querySelector("article.lesson[data-lesson-id]");
        if (lesson) tell("experienced", lessonActivity(lesson), null, courseIri());
        else send();
        rememberCourse();
        if (lesson || document.querySelector(".course-progress")) this.courseDone(data);
      },
      lessonCompleted: function (lesson) {
        tell("completed", lessonActivity(lesson), { completion: true }, courseIri());
      },
      quizAnswered: function (lesson, quiz, values, right) {
        var lessonIri = iri(lesson.getAttribute("data-lesson-id"));
        var question = quiz.querySelector(".quiz-question");
        var object = activity(lessonIri + "/quiz-" + quiz.getAttribute("data-quiz"), "cmi.interaction",
          question ? question.textContent.trim() : "");
        var correct = [];
        object.definition.interactionType = "choice";
        object.definition.choices = Array.prototype.map.call(quiz.querySelectorAll(".quiz-option input"), function (input) {
          if (input.hasAttribute("data-correct")) correct.push(input.value);
          var label = input.closest("label");
          return { id: input.value, description: named(label ? label.textContent.trim() : input.value) };
        });
        object.definition.correctResponsesPattern = [correct.join("[,]")];
        tell("answered", object, { success: right, response: values.join("[,]") }, lessonIri, courseIri());
      },
      // `passed` or `failed` for the course once all its lessons are done, once per learner.
      courseDone: function (data) {
        try {
          var course = pageCourse();
          if (!course || !course.lessons) return;
          var quizzes = course.quizzes;
          if (quizzes === null) {
            quizzes = 0;
            course.lessons.forEach(function (id) {
              var record = entry(data, id, false);
              quizzes += (record && Number(record.quizCount)) || 0;
            });
          }
          var state = courseState(data, course.lessons, quizzes, course.passing_score);
          if (!state.complete) return;
          var who = actor().account.name;
          var told = readJson("aula-xapi-courses");
          var key = who + " " + iri(course.id);
          if (told[key]) return;
          var result = { success: state.passed, completion: true };
          if (quizzes > 0) {
            result.score = { scaled: Math.round((10000 * state.right) / quizzes) / 10000, raw: state.right, min: 0, max: quizzes };
          }
          told[key] = state.passed ? "passed" : "failed";
          writeJson("aula-xapi-courses", told);
          tell(told[key], activity(iri(course.id), "course", course.title), result);
        } catch (e) { /* never into the page */ }
      }
    };

    // The course this page belongs to: in a package, the launch page knows it; elsewhere the
    // sidebar's first item names it. Its lessons are known where the page lists them all: the
    // course page's progress box (remembered for its other pages), or a sidebar with no closed
    // module (a closed one hides its lessons).
    function pageCourse() {
      var lms = packageLaunch();
      if (lms && lms.course && lms.course.id) return lms.course;
      var link = document.querySelector(".course-nav .nav-course a[href]");
      if (!link) return null;
      var id = decodeURIComponent(new URL(link.href).pathname.slice(root.pathname.length))
        .replace(/(^|\/)index\.html$/, "").replace(/\/$/, "");
      var known = readJson("aula-courses")[id];
      var lessons = Array.isArray(known) ? known : null;
      if (!lessons && !document.querySelector(".course-nav .nav-section:not(.open)")) {
        lessons = idsOf(".course-nav [data-lesson-id]");
      }
      return {
        id: id,
        title: link.textContent.trim(),
        lessons: lessons,
        quizzes: null,
        passing_score: typeof config.passing_score === "number" ? config.passing_score : 80
      };
    }

    function rememberCourse() {
      var box = document.querySelector(".course-progress .progress-lessons");
      var course = box && pageCourse();
      if (!course) return;
      var courses = readJson("aula-courses");
      courses[course.id] = idsOf(".course-progress .progress-lessons [data-lesson-id]");
      writeJson("aula-courses", courses);
    }
  }

  function idsOf(selector) {
    return Array.prototype.map.call(document.querySelectorAll(selector), function (item) {
      return item.getAttribute("data-lesson-id");
    });
  }

  function readJson(key) {
    try {
      var value = JSON.parse(localStorage.getItem(key));
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (e) {
      return {};
    }
  }

  function writeJson(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage may be off */ }
  }

  // A learner outside an LMS: an anonymous account, the same for every page of this browser.
  function anonymousLearner() {
    var id = null;
    try { id = localStorage.getItem("aula-learner"); } catch (e) { /* storage may be off */ }
    if (!id) {
      id = uuid();
      try { localStorage.setItem("aula-learner", id); } catch (e) { /* storage may be off */ }
    }
    return id;
  }

  // A UUID v4: statement ids and anonymous learners.
  function uuid() {
    var crypto = window.crypto;
    if (crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    if (crypto && crypto.getRandomValues) {
      crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < 16; i += 1) bytes[i] = Math.floor(Math.random() * 256);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (byte) { return (byte + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }
})();
