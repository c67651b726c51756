// A search box over a tree of checkboxes: hides the committees whose name (and whose branch) does not
// match, and keeps the matches' parents and branches visible. Without JavaScript the whole tree simply shows.
(function () {
  "use strict";
  document.querySelectorAll("input[data-filters]").forEach(function (box) {
    var tree = document.querySelector(box.dataset.filters);
    if (!tree) { return; }
    box.closest("[hidden]") && box.closest("[hidden]").removeAttribute("hidden");
    var items = Array.prototype.slice.call(tree.querySelectorAll("li[data-name]"));
    box.addEventListener("input", function () {
      var wanted = box.value.trim().toLowerCase();
      items.forEach(function (li) { li.hidden = false; });
      if (!wanted) { return; }
      items.slice().reverse().forEach(function (li) {
        var own = li.dataset.name.indexOf(wanted) !== -1;
        var shownChild = li.querySelector("li[data-name]:not([hidden])");
        li.hidden = !(own || shownChild);
      });
      items.forEach(function (li) {  // a matching committee shows everything under it: that is what it sends to
        if (li.dataset.name.indexOf(wanted) !== -1) {
          li.querySelectorAll("li[data-name]").forEach(function (child) { child.hidden = false; });
        }
      });
    });
  });
})();
