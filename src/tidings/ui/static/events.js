// The event explorer's filter form: choosing from a list applies it at once, and empty
// fields are left out of the address so that links stay short and readable.
"use strict";

(function () {
  const form = document.getElementById("event-filters");
  if (!form) return;
  form.addEventListener("submit", () => {
    form.querySelectorAll("input, select").forEach((field) => {
      if (!field.value) field.disabled = true;
    });
  });
  form.querySelectorAll("select").forEach((select) => {
    select.addEventListener("change", () => form.requestSubmit());
  });
})();
