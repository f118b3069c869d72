// cards serve: reload the page when the deck has been rebuilt. The server sends the
// build's number; this page was made by the number in its own address (?v=N).
(function () {
  "use strict";
  var made = new URL(document.currentScript.src).searchParams.get("v");
  var events = new EventSource("/_live");
  events.onmessage = function (event) {
    if (event.data !== made) { location.reload(); }
  };
}());
