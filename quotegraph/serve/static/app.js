// quotegraph: a little local JavaScript. Hovering a quote shows its attribution evidence, and
// hovering a chart bar shows its count. Text is only ever set with textContent, never as HTML.
(function () {
  "use strict";

  function evidenceBox() {
    var text = document.getElementById("article-text");
    var box = document.getElementById("evidence");
    var data = document.getElementById("evidence-data");
    if (!text || !box || !data) return;
    var evidence = JSON.parse(data.textContent);
    var rows = [["Speaker", "speaker"], ["Mention", "mention"], ["Resolved by", "resolution"],
                ["Cue", "cue"], ["Kind", "kind"], ["Confidence", "confidence"]];

    function show(span, event) {
      var ev = evidence[Number(span.dataset.q)];
      if (!ev) return;
      var dl = document.createElement("dl");
      rows.forEach(function (row) {
        var value = ev[row[1]];
        if (value === null || value === undefined) value = "none";
        if (row[1] === "confidence") value = Number(value).toFixed(2);
        var dt = document.createElement("dt");
        dt.textContent = row[0];
        var dd = document.createElement("dd");
        dd.textContent = String(value);
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      box.replaceChildren(dl);
      box.hidden = false;
      box.style.left = (event.pageX + 14) + "px";
      box.style.top = (event.pageY + 14) + "px";
      text.querySelectorAll('[data-q="' + span.dataset.q + '"]').forEach(function (s) { s.classList.add("hl"); });
    }

    function hide() {
      box.hidden = true;
      text.querySelectorAll(".hl").forEach(function (s) { s.classList.remove("hl"); });
    }

    text.addEventListener("mouseover", function (event) {
      var span = event.target.closest("[data-q]");
      hide();
      if (span) show(span, event);
    });
    text.addEventListener("mouseleave", hide);
  }

  function chartNotes() {
    var chart = document.getElementById("timeline");
    var note = document.getElementById("chart-note");
    if (!chart || !note) return;
    chart.querySelectorAll(".bar").forEach(function (bar) {
      bar.addEventListener("mouseenter", function () {
        var n = Number(bar.dataset.n);
        note.textContent = bar.dataset.label + ": " + n + (n === 1 ? " quote" : " quotes");
        bar.classList.add("active");
      });
      bar.addEventListener("mouseleave", function () { bar.classList.remove("active"); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    evidenceBox();
    chartNotes();
  });
})();
