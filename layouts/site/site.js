// Find cards on a deck page: by words and by theme. Without JavaScript every card shows.
(function () {
  "use strict";
  var form = document.querySelector("[data-filter]");
  if (!form) { return; }
  var search = form.querySelector("input[type=search]");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=theme]"));
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var themes = Array.prototype.slice.call(document.querySelectorAll("section.theme"));
  var status = form.querySelector(".shown");
  var messages = JSON.parse(status.getAttribute("data-messages"));
  var texts = cards.map(function (card) { return card.textContent.toLowerCase(); });

  function update() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var chosen = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    var shown = 0;
    cards.forEach(function (card, index) {
      var visible = chosen.indexOf(card.getAttribute("data-theme")) !== -1 &&
        words.every(function (word) { return texts[index].indexOf(word) !== -1; });
      card.hidden = !visible;
      if (visible) { shown += 1; }
    });
    themes.forEach(function (theme) {
      theme.hidden = !theme.querySelector(".card:not([hidden])");
    });
    status.textContent = messages[shown];
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  search.addEventListener("input", update);
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  update();
}());
