// Nothing typed is lost: when a form post was refused, the error page hands the typed values over
// (sessionStorage, this tab only); back on the page with that form, they are filled in again.
(function () {
  "use strict";
  var KEY = "medflow-typed";
  document.addEventListener("DOMContentLoaded", function () {
    var handed = document.getElementById("typed-form");
    if (handed) {
      try { sessionStorage.setItem(KEY, handed.dataset.typed); } catch (e) { /* storage off: the page lists them */ }
      return;
    }
    var stored;
    try { stored = JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch (e) { stored = null; }
    if (!stored) { return; }
    var names = Object.keys(stored.values);
    var matches = function (f) {  // a posting form to that address, with the typed fields
      return (f.method || "").toLowerCase() === "post" && new URL(f.action, location.href).pathname === stored.action
        && names.every(function (name) { return f.elements.namedItem(name) !== null; });
    };
    var form = Array.prototype.find.call(document.forms, matches);
    if (!form) { return; }
    sessionStorage.removeItem(KEY);
    names.forEach(function (name) {
      var value = stored.values[name];
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name !== name) { return; }
        if (field.type === "radio" || field.type === "checkbox") { field.checked = field.value === value; }
        else if (field.type !== "hidden" && field.type !== "file") { field.value = value; }
      });
    });
    form.scrollIntoView({block: "center"});
  });
}());
