/* The print sheet's "Cetak" button (templates/innovations/innovation_print.html): hidden until
   this script can make it work, then opens the browser's print dialog. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
