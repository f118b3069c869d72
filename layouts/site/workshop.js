// The deck for a workshop on a call: one card at a time, drawn at random or stepped
// through in order, turned over or shown both sides, from the themes chosen, full screen.
// Every change is said in a live region. Without JavaScript the page lists every card.
(function () {
  "use strict";
  var draw = document.querySelector("[data-draw]");
  if (!draw) { return; }
  var messages = JSON.parse(draw.getAttribute("data-messages"));
  var cards = Array.prototype.slice.call(document.querySelectorAll(".deck-card")).map(function (item) {
    var front = item.querySelector("img.front"), back = item.querySelector("img.back");
    return {
      theme: item.getAttribute("data-theme"), title: item.getAttribute("data-title"),
      number: item.getAttribute("data-number"),
      front: front && front.getAttribute("src"), frontAlt: front ? front.getAttribute("alt") : "",
      back: back && back.getAttribute("src"), backAlt: back ? back.getAttribute("alt") : ""
    };
  });
  var list = document.querySelector(".deck-list");
  var stage = draw.querySelector(".stage");
  var frontFigure = stage.querySelector(".front"), backFigure = stage.querySelector(".back");
  var status = draw.querySelector(".draw-status");
  var buttons = {};
  Array.prototype.forEach.call(draw.querySelectorAll("[data-action]"), function (button) {
    buttons[button.getAttribute("data-action")] = button;
  });
  var boxes = Array.prototype.slice.call(draw.querySelectorAll("input[name=theme]"));
  var current = -1;      // index into cards of the card shown, -1: none yet
  var showingBack = false, bothSides = false;
  var pile = [];         // the cards still to draw, shuffled

  function say(key, values) {
    var text = messages[key];
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);  // said again even when the same
  }

  function chosen() {
    var themes = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    return cards.map(function (card, index) { return themes.indexOf(card.theme) !== -1 ? index : -1; })
      .filter(function (index) { return index !== -1; });
  }

  function shuffled(indexes) {
    var copy = indexes.slice();
    for (var i = copy.length - 1; i > 0; i -= 1) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = copy[i]; copy[i] = copy[j]; copy[j] = swap;
    }
    return copy;
  }

  function show(figure, src, alt, visible) {
    var image = figure.querySelector("img");
    if (!image) {  // made when first needed: an image without a picture is not left on the page
      image = document.createElement("img");
      figure.insertBefore(image, figure.firstChild);
    }
    if (src) { image.src = src; }
    image.alt = alt || ""; image.hidden = !src;
    figure.querySelector("figcaption").textContent = alt || "";
    figure.hidden = !visible;
  }

  function render() {
    var card = cards[current];
    show(frontFigure, card.front, card.frontAlt, bothSides || !showingBack);
    show(backFigure, card.back, card.backAlt, bothSides || showingBack);
    buttons.flip.disabled = bothSides;
    buttons.both.disabled = false;
    buttons.both.setAttribute("aria-pressed", bothSides ? "true" : "false");
  }

  function place(index, key) {
    current = index; showingBack = false;
    render();
    var total = chosen().length, at = chosen().indexOf(index) + 1;
    say(key, { title: cards[index].title, number: cards[index].number, at: at, count: total });
  }

  buttons.draw.addEventListener("click", function () {
    var allowed = chosen();
    if (!allowed.length) { say("none"); return; }
    pile = pile.filter(function (index) { return allowed.indexOf(index) !== -1; });
    if (!pile.length) { pile = shuffled(allowed); }
    place(pile.shift(), "drawn");
  });
  buttons.flip.addEventListener("click", function () {
    if (current < 0) { return; }
    showingBack = !showingBack;
    render();
    say(showingBack ? "back" : "front", { title: cards[current].title });
  });
  buttons.both.addEventListener("click", function () {
    if (current < 0) { return; }
    bothSides = !bothSides;
    render();
    say(bothSides ? "both" : (showingBack ? "back" : "front"), { title: cards[current].title });
  });
  buttons.shuffle.addEventListener("click", function () {
    pile = shuffled(chosen());
    say("shuffled", { count: pile.length });
  });
  function step(direction) {
    var allowed = chosen();
    if (!allowed.length) { say("none"); return; }
    var at = allowed.indexOf(current);
    var next = at === -1 ? (direction > 0 ? 0 : allowed.length - 1) : (at + direction + allowed.length) % allowed.length;
    place(allowed[next], "shown");
  }
  buttons.next.addEventListener("click", function () { step(1); });
  buttons.previous.addEventListener("click", function () { step(-1); });
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      pile = [];
      say("themes", { count: chosen().length });
    });
  });
  if (draw.requestFullscreen) {
    buttons.fullscreen.hidden = false;
    buttons.fullscreen.addEventListener("click", function () {
      if (document.fullscreenElement) { document.exitFullscreen(); } else { draw.requestFullscreen(); }
    });
  }
  draw.hidden = false;
  list.hidden = true;
  say("ready", { count: cards.length });
}());
