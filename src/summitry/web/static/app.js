// summitry: small progressive enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Event page: show/hide the highlights of one evidence field.
  var toggles = document.querySelectorAll("input.field-toggle");
  toggles.forEach(function (box) {
    box.hidden = false;
    box.addEventListener("change", function () {
      var selector = 'pre.doc mark[data-field="' + CSS.escape(box.value) + '"]';
      document.querySelectorAll(selector).forEach(function (m) {
        m.classList.toggle("off", !box.checked);
      });
    });
  });
});
