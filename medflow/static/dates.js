// Every date field in Danish form (dd-mm-åååå) with a calendar, whatever the browser's own language.
// The field still posts ISO dates (åååå-mm-dd), so the forms' contract is unchanged; without
// JavaScript the browser's own date field is used.
(function () {
  "use strict";
  if (!window.flatpickr) { return; }
  var danish = document.documentElement.lang === "da";
  document.querySelectorAll("input[type=date]").forEach(function (input) {
    var id = input.id, describedBy = input.getAttribute("aria-describedby");
    var invalid = input.getAttribute("aria-invalid"), focus = input.autofocus;
    var picker = window.flatpickr(input, {
      locale: danish && window.flatpickr.l10ns.da ? window.flatpickr.l10ns.da : "default",
      dateFormat: "Y-m-d", altInput: true, altFormat: "d-m-Y", allowInput: true, disableMobile: true,
    });
    picker.calendarContainer.querySelectorAll("svg").forEach(function (arrow) {
      arrow.setAttribute("aria-hidden", "true");  // the month arrows are decoration; keys move the month
    });
    var shown = picker.altInput;
    if (!shown) { return; }
    if (id) { input.id = id + "-iso"; shown.id = id; }  // the label now names the field people type in
    if (describedBy) { shown.setAttribute("aria-describedby", describedBy); }
    if (invalid) { shown.setAttribute("aria-invalid", invalid); }
    shown.placeholder = danish ? "dd-mm-åååå" : "dd-mm-yyyy";
    shown.setAttribute("inputmode", "numeric");
    shown.setAttribute("autocomplete", "off");
    if (focus) { shown.focus(); }
  });
})();
