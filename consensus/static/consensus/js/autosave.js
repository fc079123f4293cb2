/*
 * Saves one statement's rating (and comment) as soon as it changes, so that nothing is
 * lost if the person leaves the page. The form works fully without this script: its
 * buttons save every answer. Sends the form's CSRF token; the server answers in JSON.
 * One save at a time for each statement, a moment after the last change (arrow keys move
 * through the radios one change at a time): what is stored is always the final choice.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-autosave");
  var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");

  function statusFor(block) {
    var next = block.nextElementSibling;
    while (next && !next.hasAttribute("data-autosave-status")) {
      next = next.nextElementSibling;
    }
    return next;
  }

  function say(block, text) {
    var status = statusFor(block);
    if (status) {
      status.textContent = text;
    }
  }

  var WAIT = 400;
  var timers = {};
  var sending = {};
  var again = {};

  function later(block) {
    var id = block.getAttribute("data-statement");
    window.clearTimeout(timers[id]);
    timers[id] = window.setTimeout(function () {
      if (sending[id]) {
        again[id] = true; // saved with the latest values once this one answers
      } else {
        save(block);
      }
    }, WAIT);
  }

  function done(block) {
    var id = block.getAttribute("data-statement");
    sending[id] = false;
    if (again[id]) {
      again[id] = false;
      save(block);
    }
  }

  function save(block) {
    var id = block.getAttribute("data-statement");
    var checked = block.querySelector("input[data-rating]:checked");
    var comment = form.querySelector("[name='comment-" + id + "']");
    if (!checked) {
      return; // A comment waits for a rating; the buttons say so if it is still missing.
    }
    var body = new FormData();
    body.append("csrfmiddlewaretoken", tokenInput ? tokenInput.value : "");
    body.append("statement", id);
    body.append("rating", checked.value);
    body.append("comment", comment ? comment.value : "");
    sending[id] = true;
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        say(block, answer.message);
        done(block);
      })
      .catch(function () {
        say(block, form.getAttribute("data-autosave-failed") || "");
        done(block);
      });
  }

  form.addEventListener("change", function (event) {
    var target = event.target;
    var name = target.getAttribute("name") || "";
    var block = null;
    if (name.indexOf("rating-") === 0) {
      block = target.closest("[data-statement]");
    } else if (name.indexOf("comment-") === 0) {
      block = form.querySelector("[data-statement='" + name.slice("comment-".length) + "']");
    }
    if (block) {
      later(block);
    }
  });
})();
