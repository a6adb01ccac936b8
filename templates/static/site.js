/* site_builder: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";
  function onReady(fn) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fn); } else { fn(); }
  }
  onReady(function () {
    var print = document.querySelector('[data-action="print"]');
    if (print && typeof window.print === "function") {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
    var close = document.querySelector('[data-action="close"]');
    if (close) {
      close.addEventListener("click", function (event) {
        // Browsers only close windows that a script opened; otherwise follow the link to the column.
        if (window.opener) {
          event.preventDefault();
          window.close();
        }
      });
    }
  });
})();
