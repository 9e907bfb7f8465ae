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
})();
