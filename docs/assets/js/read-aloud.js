// Read aloud (朗读, 适老化): a clause, an article, an annotation or a calculator's result, read
// by the browser's own speech synthesis (speechSynthesis). Nothing is sent anywhere by this
// code; the browser speaks with a voice it has. Offered only where the browser has a voice for
// the page's language: elsewhere no button appears. While it reads, a bar at the foot of the
// screen has 暂停/继续 and 停止 (keyboard: its buttons, or Escape to stop).
(function () {
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") return;
  var en = document.documentElement.lang.indexOf("en") === 0;
  var LANG = en ? "en" : "zh";
  var T = en
    ? { read: "Read aloud", readWhat: "Read aloud: ", pause: "Pause", resume: "Resume", stop: "Stop",
        reading: "Reading aloud", bar: "Reading aloud", result: "the result" }
    : { read: "朗读", readWhat: "朗读：", pause: "暂停", resume: "继续", stop: "停止",
        reading: "正在朗读", bar: "朗读控制", result: "计算结果" };
  // What can be read: a document's clauses and articles (their headings carry the clause id),
  // their annotations, and a calculator's result.
  var CLAUSES = ".md-content h3[id]";
  var ANNOTATIONS = ".md-content details.note";
  var RESULTS = "[data-calculator] .calc-result";
  var bar = null;

  function voice() {
    var voices = synth.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf(LANG) === 0) return voices[i];
    }
    return null;
  }

  // The text of a clause: its heading and what follows, up to the next heading of its level or
  // higher; the annotation and the award table are read on their own.
  function clauseText(heading) {
    var parts = [textOf(heading)];
    for (var node = heading.nextElementSibling; node; node = node.nextElementSibling) {
      if (/^H[1-3]$/.test(node.tagName)) break;
      if (node.matches("p, ol, ul, blockquote")) parts.push(textOf(node));
    }
    return parts.join("\n");
  }

  // A node's text as a reader sees it: without the read-aloud buttons and heading permalinks.
  function textOf(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll(".read-aloud, .headerlink").forEach(function (extra) { extra.remove(); });
    return copy.textContent;
  }

  function clean(text) {
    return text.replace(/\u200b/g, "").replace(/\s+/g, " ").trim();
  }

  function stop() {
    synth.cancel();
    if (bar) bar.hidden = true;
  }

  function showBar() {
    if (!bar) {
      bar = document.createElement("div");
      bar.className = "read-aloud-bar";
      bar.setAttribute("role", "region");
      bar.setAttribute("aria-label", T.bar);
      var label = document.createElement("span");
      label.textContent = T.reading;
      var pause = document.createElement("button");
      pause.type = "button";
      pause.className = "read-aloud-pause";
      pause.textContent = T.pause;
      pause.addEventListener("click", function () {
        if (synth.paused) { synth.resume(); pause.textContent = T.pause; }
        else { synth.pause(); pause.textContent = T.resume; }
      });
      var halt = document.createElement("button");
      halt.type = "button";
      halt.className = "read-aloud-stop";
      halt.textContent = T.stop;
      halt.addEventListener("click", stop);
      bar.append(label, pause, halt);
      document.body.appendChild(bar);
    }
    bar.querySelector(".read-aloud-pause").textContent = T.pause;
    bar.hidden = false;
  }

  function speak(text, chosen) {
    synth.cancel();
    var utterance = new SpeechSynthesisUtterance(clean(text));
    // The language, not the voice object: the browser takes its voice for that language.
    utterance.lang = chosen.lang;
    utterance.rate = 0.9; // a little slower than the default, for older readers
    utterance.onend = function () { if (bar && !synth.speaking) bar.hidden = true; };
    showBar();
    synth.speak(utterance);
  }

  // A button that reads text() aloud, put in place by put(button).
  function addButton(put, name, text) {
    var node = document.createElement("button");
    node.type = "button";
    node.className = "read-aloud";
    node.textContent = T.read;
    node.setAttribute("aria-label", T.readWhat + name);
    node.addEventListener("click", function () {
      var chosen = voice();
      if (chosen) speak(text(), chosen);
    });
    put(node);
  }

  function into(place) {
    return function (node) { if (!place.querySelector(":scope > .read-aloud")) place.appendChild(node); };
  }

  function addButtons() {
    if (!voice()) return; // no voice for the page's language: nothing is offered
    document.querySelectorAll(CLAUSES).forEach(function (heading) {
      addButton(into(heading), clean(textOf(heading)), function () { return clauseText(heading); });
    });
    document.querySelectorAll(ANNOTATIONS).forEach(function (details) {
      // Inside the opened note, first: a button inside its <summary> would nest one control in
      // another (and open or close the note).
      var summary = details.querySelector(":scope > summary");
      if (!summary || (summary.nextElementSibling && summary.nextElementSibling.matches(".read-aloud"))) return;
      addButton(function (node) { summary.after(node); }, clean(textOf(summary)), function () { return textOf(details); });
    });
    // The result is redrawn at each input: the button sits before it, not inside (shown only
    // while there is a result, calculator.css).
    document.querySelectorAll(RESULTS).forEach(function (result) {
      if (result.previousElementSibling && result.previousElementSibling.matches(".read-aloud")) return;
      addButton(function (node) { node.classList.add("read-aloud-result"); result.before(node); },
        T.result, function () { return textOf(result); });
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && (synth.speaking || synth.pending)) stop();
  });
  // Leaving the page stops the voice (it would go on reading a page no longer shown).
  window.addEventListener("pagehide", function () { synth.cancel(); });

  function start() {
    addButtons();
    // Voices often load after the page: offer the buttons once they are known.
    if (!voice() && "onvoiceschanged" in synth) {
      synth.addEventListener("voiceschanged", function once() {
        if (voice()) { synth.removeEventListener("voiceschanged", once); addButtons(); }
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
