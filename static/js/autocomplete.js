/* Progressive enhancement: fill each search box's <datalist> (the header's on every page, the
   one on /cari/) from /api/cari/saran/ as people type.
   Without JavaScript the search forms work the same, only without suggestions. */
(function () {
  if (!window.fetch) return;
  Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete]"), function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    var timer = null, last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2 || q === last) return;
        last = q;
        fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) {
            list.innerHTML = "";
            data.results.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 150);
    });
  });
})();
