/* New-case form: as the employee types a title (or picks a topic), show up to five answers other
   workplaces have shared and the kommune's offers that match, so a question answered before need
   not be sent again. Debounced; built with textContent only. The form also marks itself as checked,
   so sending does not stop at the "check first" step that serves the form without JavaScript. */
(function () {
  "use strict";
  var panel = document.getElementById("suggestions");
  var title = document.getElementById("title");
  if (!panel || !title) { return; }
  var topic = document.getElementById("topic");
  var list = document.getElementById("suggestion-list");
  var checked = document.getElementById("suggest-checked");
  var token = document.querySelector("input[name=suggest_token]");
  var DELAY = 350;
  var timer = null;
  var asked = "";

  if (checked) { checked.value = "1"; }

  function item(href, text, meta, kind) {
    var li = document.createElement("li");
    li.dataset.kind = kind;
    var link = document.createElement("a");
    link.href = href;
    link.textContent = text;
    li.appendChild(link);
    var small = document.createElement("span");
    small.className = "meta";
    small.textContent = " " + meta;
    li.appendChild(small);
    return li;
  }

  function show(data) {
    list.textContent = "";
    data.answers.forEach(function (a) {
      list.appendChild(item(a.url, a.title, a.committee + " · " + a.shared_at, "answer"));
    });
    data.offers.forEach(function (o) {
      list.appendChild(item(o.url, o.title, panel.dataset.offerLabel || "", "offer"));
    });
    panel.hidden = !list.children.length;
  }

  function ask() {
    var params = new URLSearchParams();
    params.set("title", title.value.trim().slice(0, 200));
    if (topic && topic.value) { params.set("topic", topic.value); }
    if (token) { params.set("form", token.value); }
    var query = params.toString();
    if (query === asked) { return; }
    asked = query;
    if (!title.value.trim() && !(topic && topic.value)) { show({answers: [], offers: []}); return; }
    fetch(panel.dataset.url + "?" + query, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : {answers: [], offers: []}; })
      .then(function (data) { if (query === asked) { show(data); } })
      .catch(function () { /* no suggestions: the form works without them */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(ask, DELAY);
  }

  title.addEventListener("input", later);
  if (topic) { topic.addEventListener("change", later); }
  if (title.value.trim()) { later(); }
}());
