/* New-case form: when a topic is chosen, show where the case goes and follow its case type and
   category. The server does the same on submit, so the form also works without JavaScript. */
(function () {
  "use strict";
  var topic = document.getElementById("topic");
  if (!topic) { return; }
  var goesTo = document.getElementById("goes-to");
  var goesToName = document.getElementById("goes-to-name");
  var category = document.getElementById("category");

  function follow(first) {
    var option = topic.options[topic.selectedIndex];
    var chosen = option && option.value !== "";
    var radios = document.querySelectorAll("input[name=workflow]");
    radios.forEach(function (radio) {
      if (chosen) { radio.checked = radio.value === option.dataset.workflow; }
      radio.disabled = chosen;
    });
    if (chosen && category && option.dataset.category && !(first && category.value)) {
      category.value = option.dataset.category;
    }
    var name = chosen ? option.dataset.goesTo : "";
    goesToName.textContent = name || "";
    goesTo.hidden = !name;
  }

  topic.addEventListener("change", function () { follow(false); });
  follow(true);
}());
