// Keep the open tab of a project page in the address (#tab-stages), so a reload or a
// redirect after an action lands on the same tab.
(function () {
  "use strict";
  var hash = window.location.hash;
  if (hash && hash.indexOf("#tab-") === 0) {
    var button = document.querySelector('[data-bs-target="' + hash + '"]');
    if (button && window.bootstrap) { window.bootstrap.Tab.getOrCreateInstance(button).show(); }
  }
  document.querySelectorAll('[data-bs-toggle="tab"]').forEach(function (button) {
    button.addEventListener("shown.bs.tab", function () {
      history.replaceState(null, "", button.getAttribute("data-bs-target"));
    });
  });
  // A pane with data-fragment loads its content from that address when first shown.
  function load(pane) {
    var url = pane && pane.getAttribute("data-fragment");
    if (!url || pane.getAttribute("data-loaded")) { return; }
    pane.setAttribute("data-loaded", "1");
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) { pane.innerHTML = html; })
      .catch(function () { pane.removeAttribute("data-loaded"); });
  }
  document.querySelectorAll('[data-bs-toggle="tab"]').forEach(function (button) {
    button.addEventListener("shown.bs.tab", function () {
      load(document.querySelector(button.getAttribute("data-bs-target")));
    });
  });
  document.querySelectorAll(".tab-pane.active[data-fragment]").forEach(load);
})();
