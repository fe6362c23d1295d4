/* process-handbook: the filter box of the all-flows table (also ?filter=words in the URL),
   the print button of SOP cards, the scroll cue of wide RACI matrices, the buttons that
   switch a diagram between its swimlane and compact views, and the full-screen diagram
   viewer (zoom and pan with mouse, keyboard and touch; it opens the view shown).
   No library, no network. Works with and without Material's instant navigation. */
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

  /* The full-screen diagram viewer: a dialog with a copy of the diagram at a chosen scale.
     Mouse: wheel zooms at the pointer, drag pans. Touch: one finger pans, two pinch.
     Keyboard: + and - zoom, 0 fits, 1 is full size, arrows pan, Escape closes.
     Its words come from the figure's data-* attributes (written from generator/i18n.py). */
  var MIN_SCALE = 0.05;
  var MAX_SCALE = 8;

  function svgSize(svg) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    var width = box && box.width ? box.width : svg.getBoundingClientRect().width;
    var height = box && box.height ? box.height : svg.getBoundingClientRect().height;
    return { width: width * 4 / 3, height: height * 4 / 3 };  /* points to CSS pixels */
  }

  function button(text, title, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "handbook-viewer__button";
    element.textContent = text;
    element.title = title;
    element.setAttribute("aria-label", title);
    element.dataset.action = action;
    return element;
  }

  /* The diagram the figure shows now: of two views, the one that is not display:none. */
  function shownDiagram(figure) {
    var diagrams = figure.querySelectorAll("svg.handbook-diagram");
    for (var index = 0; index < diagrams.length; index += 1) {
      if (diagrams[index].getClientRects().length) { return diagrams[index]; }
    }
    return diagrams[0] || null;
  }

  function openViewer(figure, opener) {
    var source = shownDiagram(figure);
    if (!source) { return; }
    var words = figure.dataset;
    var size = svgSize(source);
    var dialog = document.createElement("div");
    dialog.className = "handbook-viewer";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    var named = source.querySelector("title");
    dialog.setAttribute("aria-label", (named && named.textContent) || words.viewerTitle || "");
    var bar = document.createElement("div");
    bar.className = "handbook-viewer__bar";
    var help = document.createElement("span");
    help.className = "handbook-viewer__help";
    help.textContent = words.viewerHelp || "";
    var close = button("\u2715", words.viewerClose || "", "close");
    bar.appendChild(button("+", words.viewerZoomIn || "", "in"));
    bar.appendChild(button("\u2212", words.viewerZoomOut || "", "out"));
    bar.appendChild(button("\u2922", words.viewerFit || "", "fit"));
    bar.appendChild(button("1:1", words.viewerActual || "", "actual"));
    bar.appendChild(help);
    bar.appendChild(close);
    var stage = document.createElement("div");
    stage.className = "handbook-viewer__stage";
    stage.tabIndex = 0;
    stage.setAttribute("aria-label", words.viewerHelp || "");
    var layer = document.createElement("div");
    layer.className = "handbook-viewer__layer";
    var copy = source.cloneNode(true);
    copy.removeAttribute("id");
    copy.removeAttribute("aria-describedby");
    copy.querySelectorAll("[id]").forEach(function (element) { element.removeAttribute("id"); });
    copy.setAttribute("width", size.width + "px");
    copy.setAttribute("height", size.height + "px");
    copy.style.maxWidth = "none";
    copy.style.minWidth = "0";
    layer.appendChild(copy);
    stage.appendChild(layer);
    dialog.appendChild(bar);
    dialog.appendChild(stage);
    document.body.appendChild(dialog);
    document.documentElement.classList.add("handbook-viewer-open");

    var view = { scale: 1, x: 0, y: 0 };
    function apply() {
      layer.style.transform = "translate(" + view.x + "px," + view.y + "px) scale(" + view.scale + ")";
    }
    function zoomAt(factor, clientX, clientY) {
      var rect = stage.getBoundingClientRect();
      var px = clientX === undefined ? rect.width / 2 : clientX - rect.left;
      var py = clientY === undefined ? rect.height / 2 : clientY - rect.top;
      var next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
      view.x = px - (px - view.x) * (next / view.scale);
      view.y = py - (py - view.y) * (next / view.scale);
      view.scale = next;
      apply();
    }
    function fit() {
      var rect = stage.getBoundingClientRect();
      view.scale = Math.min(rect.width / size.width, rect.height / size.height, MAX_SCALE);
      view.x = (rect.width - size.width * view.scale) / 2;
      view.y = Math.max(0, (rect.height - size.height * view.scale) / 2);
      apply();
    }
    function readable() {
      /* Start where labels read well: the whole width if that is legible, else 85 %. */
      var rect = stage.getBoundingClientRect();
      view.scale = Math.max(Math.min(rect.width / size.width, 1.5), 0.85);
      view.x = Math.max(0, (rect.width - size.width * view.scale) / 2);
      view.y = 0;
      apply();
    }
    function shut() {
      document.removeEventListener("keydown", onKey, true);
      dialog.remove();
      document.documentElement.classList.remove("handbook-viewer-open");
      if (opener) { opener.focus(); }
    }
    function onKey(event) {
      var step = 60;
      if (event.key === "Escape") { shut(); }
      else if (event.key === "+" || event.key === "=") { zoomAt(1.25); }
      else if (event.key === "-" || event.key === "_") { zoomAt(0.8); }
      else if (event.key === "0") { fit(); }
      else if (event.key === "1") { view.scale = 1; apply(); }
      else if (event.key === "ArrowLeft") { view.x += step; apply(); }
      else if (event.key === "ArrowRight") { view.x -= step; apply(); }
      else if (event.key === "ArrowUp") { view.y += step; apply(); }
      else if (event.key === "ArrowDown") { view.y -= step; apply(); }
      else if (event.key === "Tab") {
        var focusable = Array.prototype.slice.call(dialog.querySelectorAll("button, [tabindex='0']"));
        var index = focusable.indexOf(document.activeElement);
        var next = (index + (event.shiftKey ? -1 : 1) + focusable.length) % focusable.length;
        focusable[next].focus();
      } else { return; }
      event.preventDefault();
    }
    bar.addEventListener("click", function (event) {
      var target = event.target.closest("button");
      if (!target) { return; }
      var action = target.dataset.action;
      if (action === "close") { shut(); }
      else if (action === "in") { zoomAt(1.25); }
      else if (action === "out") { zoomAt(0.8); }
      else if (action === "fit") { fit(); }
      else if (action === "actual") { view.scale = 1; apply(); }
    });
    stage.addEventListener("wheel", function (event) {
      event.preventDefault();
      zoomAt(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX, event.clientY);
    }, { passive: false });

    var pointers = {};
    var moved = 0;
    var pinch = null;
    stage.addEventListener("pointerdown", function (event) {
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      moved = 0;
      var ids = Object.keys(pointers);
      if (ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        pinch = Math.hypot(a.x - b.x, a.y - b.y);
      }
    });
    stage.addEventListener("pointermove", function (event) {
      var last = pointers[event.pointerId];
      if (!last) { return; }
      var ids = Object.keys(pointers);
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      if (ids.length === 1) {
        view.x += event.clientX - last.x;
        view.y += event.clientY - last.y;
        moved += Math.abs(event.clientX - last.x) + Math.abs(event.clientY - last.y);
        if (moved > 4 && !stage.hasPointerCapture(event.pointerId)) {
          stage.setPointerCapture(event.pointerId);
        }
        apply();
      } else if (ids.length === 2 && pinch) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        var distance = Math.hypot(a.x - b.x, a.y - b.y);
        moved += 10;
        zoomAt(distance / pinch, (a.x + b.x) / 2, (a.y + b.y) / 2);
        pinch = distance;
      }
    });
    function release(event) {
      delete pointers[event.pointerId];
      if (Object.keys(pointers).length < 2) { pinch = null; }
    }
    stage.addEventListener("pointerup", release);
    stage.addEventListener("pointercancel", release);
    stage.addEventListener("click", function (event) {
      var link = event.target.closest("a");
      if (!link) { return; }
      if (moved > 4) { event.preventDefault(); return; }
      shut();  /* a step link: close, and let the page follow it */
    }, true);
    document.addEventListener("keydown", onKey, true);
    readable();
    close.focus();
  }

  function wireViewer(figure) {
    if (figure.dataset.handbookWired) { return; }
    figure.dataset.handbookWired = "yes";
    figure.querySelectorAll("[data-handbook-zoom]").forEach(function (opener) {
      opener.hidden = false;
      opener.addEventListener("click", function () { openViewer(figure, opener); });
    });
  }

  /* The reader's last chosen view, kept for the next flow page (storage may be refused). */
  var VIEW_KEY = "handbook.diagram-view";

  function rememberedView() {
    try { return window.localStorage.getItem(VIEW_KEY); } catch (error) { return null; }
  }

  function rememberView(view) {
    try { window.localStorage.setItem(VIEW_KEY, view); } catch (error) { /* not kept */ }
  }

  /* A flow's two views (the swimlane and the compact column): CSS shows one by the screen's
     width until a button chooses (data-view on the figure), and the choice is remembered for
     the next flow page; aria-pressed says which is shown. */
  function wireViews(figure) {
    var group = figure.querySelector(".handbook-figure__views");
    if (!group || group.dataset.handbookWired) { return; }
    group.dataset.handbookWired = "yes";
    var buttons = Array.prototype.slice.call(group.querySelectorAll("[data-handbook-view]"));
    function mark() {
      var compact = shownDiagram(figure) === figure.querySelector(".handbook-figure__view--compact svg");
      buttons.forEach(function (choice) {
        var pressed = (choice.dataset.handbookView === "compact") === compact;
        choice.setAttribute("aria-pressed", pressed ? "true" : "false");
      });
    }
    buttons.forEach(function (choice) {
      choice.addEventListener("click", function () {
        figure.dataset.view = choice.dataset.handbookView;
        rememberView(choice.dataset.handbookView);
        mark();
      });
    });
    var kept = rememberedView();
    if (kept === "swimlane" || kept === "compact") { figure.dataset.view = kept; }
    window.addEventListener("resize", mark);  /* CSS may switch the view at its breakpoint */
    group.hidden = false;
    mark();
  }

  /* A RACI matrix wider than the page: mark it so the cue and the edge shadow show. */
  function scroller(matrix) {
    return matrix.querySelector("table") || matrix;
  }

  function wireMatrix(matrix) {
    if (matrix.dataset.handbookWired) { return; }
    matrix.dataset.handbookWired = "yes";
    function update() {
      var box = scroller(matrix);
      var overflow = box.scrollWidth > box.clientWidth + 1;
      matrix.classList.toggle("handbook-matrix--overflow", overflow);
      var cue = matrix.previousElementSibling;
      if (cue && cue.classList.contains("handbook-matrix__cue")) {
        cue.classList.toggle("handbook-matrix__cue--shown", overflow);
      }
      matrix.classList.toggle("handbook-matrix--end", overflow && box.scrollLeft + box.clientWidth >= box.scrollWidth - 1);
    }
    matrix.addEventListener("scroll", update, true);
    window.addEventListener("resize", update);
    update();
    window.setTimeout(update, 300);
  }

  /* Material's search overlay is a dialog without a name: give it the search box's label. */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder || "");
    }
  }

  /* A table that scrolls (sideways, or a tall matrix downwards) can be scrolled with the
     keyboard too (focusable). */
  function focusableScrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset table, .md-typeset .handbook-chart-frame").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
      }
    });
  }

  /* Document control read at the reader's date: "review overdue" banners show when the
     reader's local date is past the review date (the site is static, so the build date
     cannot decide), and an SOP card printed from the browser states the day it was printed. */
  function localToday() {
    var now = new Date();
    function two(number) { return (number < 10 ? "0" : "") + number; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function wireDates() {
    var today = localToday();
    document.querySelectorAll("[data-handbook-review]").forEach(function (banner) {
      banner.hidden = !(today > banner.getAttribute("data-handbook-review"));
    });
    document.querySelectorAll("[data-handbook-today]").forEach(function (cell) {
      cell.textContent = today;
    });
  }

  function wire() {
    wireDates();
    nameSearchDialog();
    focusableScrollers();
    document.querySelectorAll(".handbook-matrix").forEach(wireMatrix);
    document.querySelectorAll(".handbook-figure[data-handbook-diagram]").forEach(function (figure) {
      wireViews(figure);
      wireViewer(figure);
    });
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
