/* Proposal drafting: a live word counter under each aspect and a quiet autosave every 30 s
   after a change. Without JavaScript the counts are computed on each save by the server and
   the "Simpan draf" button saves. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var status = form.querySelector("[data-autosave-status]");
  function words(text) { var t = text.trim(); return t ? t.split(/\s+/).length : 0; }
  form.querySelectorAll("textarea[id^='aspek-']").forEach(function (area) {
    var out = document.getElementById("kata-" + area.id.slice(6));
    var limit = parseInt(area.getAttribute("data-word-limit") || "0", 10);
    function update() {
      var n = words(area.value);
      out.textContent = limit ? n + " / " + limit + " kata" : n + " kata";
      out.classList.toggle("over-limit", limit > 0 && n > limit);
    }
    area.addEventListener("input", update);
  });
  var dirty = false, busy = false;
  form.addEventListener("input", function () { dirty = true; });
  function save() {
    if (!dirty || busy) return;
    busy = true; dirty = false;
    var data = new FormData(form);
    data.set("action", "simpan");
    data.delete("sk_document");
    fetch(form.action || window.location.href, {
      method: "POST", body: data, credentials: "same-origin", headers: { "X-Autosave": "1" }
    }).then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        status.textContent = res.ok ? "Draf tersimpan otomatis pukul " + res.body.saved + "."
                                    : "Belum tersimpan: " + (res.body.errors || []).join(" ");
      })
      .catch(function () { dirty = true; status.textContent = "Belum tersimpan: koneksi terputus."; })
      .then(function () { busy = false; });
  }
  window.setInterval(save, 30000);
})();
