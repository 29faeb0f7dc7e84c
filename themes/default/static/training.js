// aula default theme: training features. Learner progress (lessons done, quiz answers) is kept
// in localStorage under each lesson's stable id, so it survives rebuilds and reordering; quizzes
// are checked in the page; code blocks are copied without their prompts and output; the instructor
// view and the printable course's toggles. Every word
// shown comes from the page, in the site's language. Without JavaScript, the controls stay
// hidden and quiz answers can still be revealed.
(function () {
  "use strict";
  var KEY = "aula-progress";
  var script = document.currentScript;
  var doneLabel = (script && script.getAttribute("data-done-label")) || "";
  var root = new URL((script && script.getAttribute("data-root")) || "./", location.href);

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
    return data;
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
      update(function (data) {
        var found = touch(data, id);
        if (found.done) delete found.done; else found.done = true;
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

  var root = document.documentElement;
  var toggles = document.querySelectorAll(".instructor-toggle");
  function syncToggles() {
    Array.prototype.forEach.call(toggles, function (button) {
      button.setAttribute("aria-pressed", String(root.dataset.instructor === "on"));
    });
  }
  Array.prototype.forEach.call(toggles, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var on = root.dataset.instructor !== "on";
      if (on) root.dataset.instructor = "on"; else delete root.dataset.instructor;
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
})();
