// The article view: click an event word (or its sentence) to open its explanation,
// open an explanation to light up its sentence, and toggle each kind of highlight.
// Only classes and attributes change here; no HTML is ever built from data.
"use strict";

(function () {
  const text = document.getElementById("article-text");
  if (!text) return;

  function select(id, scroll) {
    document.querySelectorAll(".hl.selected").forEach((el) => el.classList.remove("selected"));
    document.querySelectorAll(".event-card.selected").forEach((el) => el.classList.remove("selected"));
    if (!id) return;
    text.querySelectorAll(".hl-event, .hl-trigger").forEach((el) => {
      if (el.dataset.id === id) el.classList.add("selected");
    });
    const card = document.getElementById("event-" + id);
    if (card) {
      card.open = true;
      card.classList.add("selected");
      if (scroll) card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  text.addEventListener("click", (ev) => {
    const mark = ev.target.closest(".hl-trigger") || ev.target.closest(".hl-event");
    if (mark) select(mark.dataset.id, true);
  });
  text.addEventListener("keydown", (ev) => {
    const mark = ev.target.closest(".hl-trigger");
    if (mark && (ev.key === "Enter" || ev.key === " ")) {
      ev.preventDefault();
      select(mark.dataset.id, true);
    }
  });

  document.querySelectorAll(".event-card").forEach((card) => {
    card.addEventListener("toggle", () => {
      if (card.open) {
        select(card.dataset.id, false);
        const first = text.querySelector('.hl-event[data-id="' + CSS.escape(card.dataset.id) + '"]');
        if (first) first.scrollIntoView({ block: "nearest", behavior: "smooth" });
      }
    });
  });

  document.querySelectorAll("#legend input[type=checkbox]").forEach((box) => {
    box.addEventListener("change", () => {
      text.classList.toggle("hide-" + box.dataset.kind, !box.checked);
    });
  });

  document.querySelectorAll(".quote-item").forEach((item) => {
    item.addEventListener("click", (ev) => {
      if (ev.target.closest("a")) return;
      text.querySelectorAll(".hl-quote.selected").forEach((el) => el.classList.remove("selected"));
      const marks = text.querySelectorAll('.hl-quote[data-id="' + CSS.escape(item.dataset.id) + '"]');
      marks.forEach((el) => el.classList.add("selected"));
      if (marks.length) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
    });
  });

  const hash = window.location.hash;
  if (hash.startsWith("#event-")) select(hash.slice("#event-".length), true);
})();
