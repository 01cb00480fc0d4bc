// Member page: live countdowns of the token lifetimes, time on the page and the current time.
// The page works without it; this only makes the numbers move.
(function () {
  "use strict";
  var clocks = document.getElementById("clocks");
  if (!clocks) { return; }
  // Correct for a browser clock that differs from the server's.
  var skew = Number(clocks.dataset.now) * 1000 - Date.now();
  var openedAt = Date.now();
  var days = clocks.dataset.days || "d";

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function duration(seconds) {
    var d = Math.floor(seconds / 86400);
    var h = Math.floor(seconds % 86400 / 3600);
    var m = Math.floor(seconds % 3600 / 60);
    var s = Math.floor(seconds % 60);
    return (d > 0 ? d + days + " " : "") + (d > 0 || h > 0 ? h + ":" + two(m) : String(m)) + ":" + two(s);
  }

  function tick() {
    var now = Date.now() + skew;
    document.querySelectorAll("time.countdown").forEach(function (el) {
      var left = Number(el.dataset.expires) - now / 1000;
      el.textContent = left > 0 ? duration(left) : el.dataset.expired;
    });
    document.getElementById("time-on-page").textContent = duration((Date.now() - openedAt) / 1000);
    document.getElementById("current-time").textContent = new Date(now).toLocaleString(document.documentElement.lang);
  }

  tick();
  setInterval(tick, 1000);
})();
