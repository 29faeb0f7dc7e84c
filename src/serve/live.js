// Injected by `aula serve` into every HTML page it serves (never into built files): reloads the
// page when the site was rebuilt, and when the server restarted.
(function () {
  var script = document.currentScript;
  var server = null;
  var events = new EventSource("/__aula/events");
  events.addEventListener("ready", function (e) {
    if (server !== null && server !== e.data) location.reload();
    server = e.data;
    if (script) script.dataset.state = "listening";
  });
  events.addEventListener("reload", function () {
    location.reload();
  });
})();
