// Knowledge pages: keyword suggestions (a datalist with data-suggest-for="<input id>" and
// data-suggest-url) and the article preview tab (data-preview-url, data-form, data-preview).
// The file may be included more than once on a page; each element is bound once.
(function () {
  "use strict";
  document.querySelectorAll("datalist[data-suggest-for]:not([data-bound])").forEach(function (list) {
    var input = document.getElementById(list.getAttribute("data-suggest-for"));
    list.setAttribute("data-bound", "1");
    if (!input) { return; }
    input.setAttribute("list", list.id);
    var url = list.getAttribute("data-suggest-url");
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var parts = input.value.split(/[,，、;；]/);
        var last = parts[parts.length - 1].trim();
        if (!last) { return; }
        fetch(url + "?q=" + encodeURIComponent(last), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
          .then(function (data) {
            var head = parts.slice(0, -1).map(function (p) { return p.trim(); }).filter(Boolean);
            list.replaceChildren.apply(list, data.keywords.map(function (name) {
              var option = document.createElement("option");
              option.value = head.concat([name]).join(", ");
              return option;
            }));
          })
          .catch(function () {});
      }, 200);
    });
  });
  document.querySelectorAll("[data-preview-url]:not([data-bound])").forEach(function (tab) {
    tab.setAttribute("data-bound", "1");
    tab.addEventListener("click", function () {
      var form = document.getElementById(tab.getAttribute("data-form"));
      var target = document.getElementById(tab.getAttribute("data-preview"));
      if (!form || !target) { return; }
      var data = new FormData();
      data.append("body", form.querySelector("[name=body]").value);
      var token = form.querySelector("[name=csrf_token]");
      data.append("csrf_token", token ? token.value : "");
      fetch(tab.getAttribute("data-preview-url"), { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { target.innerHTML = html; });
    });
  });
})();
