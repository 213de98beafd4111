// On a phone the filter panels fold under their heading so the first results show at once.
// Loaded (not deferred) right after the panel, so it folds before the page is first drawn;
// without JavaScript the panel stays open and the page still works.
(function () {
  if (window.matchMedia("(min-width: 60rem)").matches) return;
  document.querySelectorAll("details.filter-panel").forEach(function (panel) { panel.open = false; });
})();
