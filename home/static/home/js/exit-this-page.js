/*
 * Exit this page: leave the site in one action when it is not safe to be seen on it.
 *
 * The link in templates/components/exit_this_page.html works on its own (a plain link with
 * rel="noreferrer"). This script makes it faster and leaves less behind:
 *   - a click, or pressing Shift on its own three times with under a second between presses,
 *     hides this page at once (in case the other site is slow) and calls
 *     window.location.replace(), so Back does not return to this page;
 *   - a polite live region tells screen reader users how many more presses are needed.
 *
 * Shift presses count wherever focus is, including inside form fields (the GOV.UK pattern):
 * a person may be typing in the search box or a forum reply when someone walks in, and
 * having to move focus first would cost the seconds that matter. Only a press of Shift on
 * its own counts: Shift held down while typing a capital letter, or with Tab to move back,
 * is a modifier and is ignored, so typing does not trigger an exit by accident.
 *
 * No inline script is needed, so a strict Content-Security-Policy can be added later.
 */
(function () {
  "use strict";

  var PRESSES_TO_EXIT = 3;
  var MAX_GAP_MS = 1000;

  function init(root) {
    var link = root.querySelector("[data-coa-exit-link]");
    if (!link) {
      return;
    }
    var status = root.querySelector("[data-coa-exit-status]");
    var indicator = root.querySelector("[data-coa-exit-indicator]");
    var hint = root.querySelector("[data-shift-hint]");
    var presses = 0;
    var resetTimer = null;
    var shiftAlone = false;

    if (hint && hint.getAttribute("data-shift-hint")) {
      hint.textContent = hint.textContent.trim() + " " + hint.getAttribute("data-shift-hint");
    }

    function announce(key) {
      if (status) {
        status.textContent = status.getAttribute(key) || "";
      }
    }

    function showPresses(count) {
      if (!indicator) {
        return;
      }
      indicator.hidden = count === 0;
      var dots = indicator.children;
      for (var i = 0; i < dots.length; i += 1) {
        dots[i].classList.toggle("is-on", i < count);
      }
    }

    function reset() {
      presses = 0;
      resetTimer = null;
      showPresses(0);
      announce("data-none");
    }

    function exit(event) {
      if (event) {
        event.preventDefault();
      }
      var url = link.href;
      announce("data-exiting");
      document.documentElement.classList.add("coa-exiting");
      document.title = status ? status.getAttribute("data-exiting") || "" : "";
      document.body.hidden = true;
      window.location.replace(url);
    }

    link.addEventListener("click", exit);

    // Capture phase, so fields that stop key events from bubbling still let presses count.
    document.addEventListener(
      "keydown",
      function (event) {
        if (event.key === "Shift") {
          if (!event.repeat) {
            shiftAlone = !(event.ctrlKey || event.altKey || event.metaKey);
          }
        } else {
          shiftAlone = false;
        }
      },
      true
    );

    document.addEventListener(
      "keyup",
      function (event) {
        if (event.key !== "Shift" || !shiftAlone) {
          return;
        }
        shiftAlone = false;
        presses += 1;
        window.clearTimeout(resetTimer);
        if (presses >= PRESSES_TO_EXIT) {
          showPresses(PRESSES_TO_EXIT);
          exit();
          return;
        }
        showPresses(presses);
        announce(presses === PRESSES_TO_EXIT - 1 ? "data-one-more" : "data-two-more");
        resetTimer = window.setTimeout(reset, MAX_GAP_MS);
      },
      true
    );

    // If the browser restores this page from its back-forward cache, show it again.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        document.documentElement.classList.remove("coa-exiting");
        document.body.hidden = false;
        reset();
      }
    });
  }

  var roots = document.querySelectorAll("[data-coa-exit-this-page]");
  for (var i = 0; i < roots.length; i += 1) {
    init(roots[i]);
  }
})();
