// On a phone the navigation folds into a "Menu" button; without JavaScript it simply stays open.
(function () {
  "use strict";
  var header = document.querySelector("header.site");
  var button = header && header.querySelector(".nav-toggle");
  var menu = document.getElementById("site-menu");
  if (!button || !menu) { return; }
  header.classList.add("js-nav");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("open", open);
  });
})();
