/* Progressive enhancement: fill the search box's <datalist> from /api/cari/saran/ as people type.
   Without JavaScript the search form works the same, only without suggestions. */
(function () {
  var input = document.querySelector("input[data-autocomplete]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
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
})();
