/* Applies saved 无障碍 settings before the first paint (loaded synchronously in <head>). */
(function () {
  "use strict";
  var allowed = {
    font: ["100", "125", "150", "175", "200"], theme: ["hc-light", "hc-dark"], spacing: ["wide", "wider"],
    cursor: ["large"], guide: ["on"], elder: ["on"], speech: ["on"], toolbar: ["open"]
  };
  var root = document.documentElement;
  root.setAttribute("data-js", "on");
  var saved = {};
  try { saved = JSON.parse(window.localStorage.getItem("sb-a11y") || "{}") || {}; } catch (e) { saved = {}; }
  Object.keys(allowed).forEach(function (key) {
    if (allowed[key].indexOf(saved[key]) >= 0) { root.setAttribute("data-" + key, saved[key]); }
  });
})();
