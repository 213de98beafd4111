/* Progressive enhancement of every search box with data-autocomplete (the header's on every
   page, the one on /cari/): a ranked list of suggestions from /api/cari/saran/ as people type,
   in the server's order (innovations first, the exact acronym or title on top).
   The list is an ARIA combobox (WAI-ARIA APG "list autocomplete"): arrow keys move through the
   options, Enter opens the chosen innovation, agency search or tag, Escape closes the list;
   pressing Enter without choosing submits the search as usual. The browser's own <datalist>
   is detached, because browsers filter and reorder its options themselves.
   Without JavaScript the search forms work the same, only without suggestions. */
(function () {
  if (!window.fetch || !document.querySelector) return;
  var KIND_LABELS = { inovasi: "Inovasi", instansi: "Instansi", tag: "Tag" };
  var counter = 0;

  function enhance(input) {
    counter += 1;
    var listId = "search-suggest-" + counter;
    var form = input.form;
    var wrapper = document.createElement("div");
    wrapper.className = "suggest";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var datalist = input.getAttribute("list") && document.getElementById(input.getAttribute("list"));
    if (datalist) datalist.parentNode.removeChild(datalist);
    input.removeAttribute("list");
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.dataset.suggestLabel || "Saran pencarian");
    list.hidden = true;
    wrapper.appendChild(list);
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [], active = -1, timer = null, last = "", request = 0;

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      items.forEach(function (item, i) { item.el.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) input.setAttribute("aria-activedescendant", items[index].el.id);
      else input.removeAttribute("aria-activedescendant");
    }

    function render(results) {
      list.innerHTML = "";
      items = results.map(function (result, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var kind = document.createElement("span");
        kind.className = "suggest-kind";
        kind.textContent = KIND_LABELS[result.kind] || result.kind;
        li.appendChild(kind);
        li.appendChild(document.createTextNode(" " + result.label));
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });
        li.addEventListener("click", function () { window.location.href = result.url; });
        list.appendChild(li);
        return { el: li, url: result.url };
      });
      status.textContent = items.length ? items.length + " saran" : "";
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight(-1);
      } else {
        close();
      }
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2) { last = q; close(); return; }
        if (q === last) return;
        last = q;
        var mine = ++request;
        fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) { if (mine === request) render(data.results || []); })
          .catch(function () { /* suggestions are optional */ });
      }, 150);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!items.length) return;
        event.preventDefault();
        if (list.hidden) {  // the arrow keys reopen a closed list
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        // positions -1 (the text box itself) to items.length - 1, wrapping round
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next >= items.length) next = -1;
        if (next < -1) next = items.length - 1;
        highlight(next);
      } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
        event.preventDefault();
        window.location.href = items[active].url;
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
    if (form) form.addEventListener("submit", close);
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete]"), enhance);
})();
