/* Asks before a form with data-confirm="question" is sent (a step that cannot be undone, e.g.
   publishing PKRI results in templates/pkri/admin/cycle.html). Instead of an onsubmit attribute,
   which the Content-Security-Policy forbids. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form instanceof HTMLFormElement && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
