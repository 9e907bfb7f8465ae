// Behaviour that hangs on data attributes, for every page (no inline handlers: the
// Content-Security-Policy forbids them).
//   data-confirm="…"  on a form or a submit button: ask before submitting;
//   data-autosubmit   on a select or input: submit its form when it changes;
//   data-select-on-focus on an input: select its text when focused (copyable addresses).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var text = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (text && !window.confirm(text)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  document.addEventListener("change", function (event) {
    var element = event.target;
    if (element.hasAttribute && element.hasAttribute("data-autosubmit") && element.form) {
      if (element.form.requestSubmit) { element.form.requestSubmit(); } else { element.form.submit(); }
    }
  });
  document.addEventListener("focusin", function (event) {
    var element = event.target;
    if (element.hasAttribute && element.hasAttribute("data-select-on-focus") && element.select) {
      element.select();
    }
  });
})();
