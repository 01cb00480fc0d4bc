// Sign-up and password forms: says whether the two passwords match and gives a rough strength
// estimate while typing. The server decides (zxcvbn); this is only a hint.
(function () {
  "use strict";
  var password = document.getElementById("password") || document.getElementById("newPassword");
  var confirm = document.getElementById("passwordConfirm") || document.getElementById("newPasswordConfirm");
  var strength = document.getElementById("password-strength");
  var match = document.getElementById("password-match");
  if (!password) { return; }

  function estimate(text) {
    var length = Array.from(text).length;
    var kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(function (re) { return re.test(text); }).length;
    var distinct = new Set(Array.from(text)).size;
    if (length < 12 || distinct < 6) { return "weak"; }
    if (length >= 20 || (length >= 14 && kinds >= 3)) { return "strong"; }
    return "fair";
  }

  function update() {
    if (strength) {
      var level = password.value ? estimate(password.value) : "";
      strength.className = "strength " + level;
      strength.textContent = level ? strength.dataset[level] : "";
    }
    if (match && confirm) {
      var show = confirm.value.length > 0;
      var same = password.value === confirm.value;
      match.className = "match " + (show ? (same ? "yes" : "no") : "");
      match.textContent = show ? (same ? match.dataset.match : match.dataset.mismatch) : "";
    }
  }

  password.addEventListener("input", update);
  if (confirm) { confirm.addEventListener("input", update); }
})();
