// A "copy" button beside a read-only field (the calendar address): shown only where JavaScript runs;
// it copies the field's text and says so in a status line that screen readers announce.
(function () {
  "use strict";
  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.focus();
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy"));
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!field) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(field).then(function () {
        status.textContent = status.getAttribute("data-copied");
      }, function () {
        field.select();
        status.textContent = status.getAttribute("data-failed");
      });
    });
  });
})();
