/* process-handbook: the filter box of the all-flows table (also ?filter=words in the URL)
   and the print button of SOP cards. Works with and without Material's instant navigation. */
(function () {
  "use strict";

  function nextTable(element) {
    var tables = document.querySelectorAll("article table");
    for (var index = 0; index < tables.length; index += 1) {
      if (element.compareDocumentPosition(tables[index]) & Node.DOCUMENT_POSITION_FOLLOWING) {
        return tables[index];
      }
    }
    return null;
  }

  function wireFilter(input) {
    var table = nextTable(input);
    if (!table || input.dataset.handbookWired) { return; }
    input.dataset.handbookWired = "yes";
    var rows = Array.prototype.slice.call(table.tBodies[0] ? table.tBodies[0].rows : []);
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      rows.forEach(function (row) {
        var content = row.textContent.toLowerCase();
        row.hidden = !words.every(function (word) { return content.indexOf(word) !== -1; });
      });
    }
    input.addEventListener("input", apply);
    var preset = new URLSearchParams(window.location.search).get("filter");
    if (preset) {
      input.value = preset;
      apply();
    }
  }

  function wire() {
    document.querySelectorAll("[data-handbook-filter]").forEach(wireFilter);
    document.querySelectorAll("[data-handbook-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(wire);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
