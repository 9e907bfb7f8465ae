// @mention autocomplete: a textarea with data-mentions="<url>" asks that address for
// users who can see the board and inserts @username.
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-mentions]").forEach(function (area) {
    var list = document.createElement("div");
    list.className = "list-group position-absolute shadow-sm d-none mention-list";
    list.style.zIndex = 1050;
    area.parentNode.style.position = "relative";
    area.parentNode.appendChild(list);
    var timer = null;
    function word() {
      var before = area.value.slice(0, area.selectionStart);
      var match = /(^|[^\w@.])@([A-Za-z0-9_.\-]{1,32})$/.exec(before);
      return match ? match[2] : null;
    }
    function hide() { list.classList.add("d-none"); list.innerHTML = ""; }
    function choose(username) {
      var start = area.selectionStart, before = area.value.slice(0, start);
      var at = before.lastIndexOf("@");
      area.value = before.slice(0, at + 1) + username + " " + area.value.slice(start);
      area.focus();
      hide();
    }
    area.addEventListener("input", function () {
      var q = word();
      clearTimeout(timer);
      if (!q) { hide(); return; }
      timer = setTimeout(function () {
        fetch(area.getAttribute("data-mentions") + "?q=" + encodeURIComponent(q),
              { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (users) {
            list.innerHTML = "";
            users.forEach(function (u) {
              var item = document.createElement("button");
              item.type = "button";
              item.className = "list-group-item list-group-item-action small";
              item.textContent = u.name + " @" + u.username;
              item.addEventListener("click", function () { choose(u.username); });
              list.appendChild(item);
            });
            list.classList.toggle("d-none", users.length === 0);
          });
      }, 150);
    });
    area.addEventListener("blur", function () { setTimeout(hide, 200); });
  });
})();
