/*
 * The triad and slider signifiers, made easier with a pointer and the keyboard. Without this
 * script a triad is three number inputs and a slider a plain range input, and both work.
 *
 * A triad gets a triangle (SVG, drawn from the widget's data-corners and data-size) with a
 * point in it. A click, a tap or a drag places the point (a point outside is taken to the
 * nearest placement inside); the triangle is also a focusable slider whose arrow keys move
 * the point (Shift for larger steps) and whose aria-valuetext says the placement ("Safety
 * 50%, Trust 25%, Choice 25%"). Every placement writes its three percentages into the three
 * inputs, and typing in them moves the point. Until a first placement there is no point and
 * the inputs stay empty, so an untouched triad is not answered. Its "does not apply" box
 * turns the triangle off, and back on.
 *
 * The sums are those of evaluation/triads.py, step for step in the same order, so that the
 * browser's floating point gives exactly the server's percentages (tests/browser checks).
 * A slider gets its value shown beside it (an <output>), and says when it was not moved yet.
 * The words come from the page (data-text-* attributes), so they can be translated.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var MARGIN = 16; // around the triangle, in drawing units: room for the point and a near miss
  var STEP = 2; // percent of the triangle's width or height for each arrow key press
  var BIG_STEP = 10; // the same with Shift

  // ----- The arithmetic of evaluation/triads.py -----------------------------------------

  var UNITS = 1e9; // shares compared in billionths of a percent, as triads.UNITS

  /* Three non-negative numbers (not all 0) as whole percentages adding up to 100, by
     largest remainder; ties to the earlier corner. As triads.as_percentages. */
  function asPercentages(weights) {
    var total = weights[0] + weights[1] + weights[2];
    var units = weights.map(function (weight) {
      return Math.floor(weight * 100 / total * UNITS + 0.5);
    });
    var whole = units.map(function (share) {
      return Math.floor(share / UNITS);
    });
    var remainders = units.map(function (share, i) {
      return share - whole[i] * UNITS;
    });
    var order = [0, 1, 2].sort(function (i, j) {
      if (remainders[i] !== remainders[j]) {
        return remainders[i] > remainders[j] ? -1 : 1;
      }
      return i - j;
    });
    var missing = 100 - (whole[0] + whole[1] + whole[2]);
    for (var k = 0; k < missing; k++) {
      whole[order[k]] += 1;
    }
    return whole;
  }

  /* The three shares (barycentric coordinates) of the point (x, y), negative outside. */
  function shares(corners, x, y) {
    var x1 = corners[0][0], y1 = corners[0][1];
    var x2 = corners[1][0], y2 = corners[1][1];
    var x3 = corners[2][0], y3 = corners[2][1];
    var det = (y2 - y3) * (x1 - x3) + (x3 - x2) * (y1 - y3);
    var a = ((y2 - y3) * (x - x3) + (x3 - x2) * (y - y3)) / det;
    var b = ((y3 - y1) * (x - x3) + (x1 - x3) * (y - y3)) / det;
    return [a, b, 1 - a - b];
  }

  /* The point of the sides nearest to (x, y), the first side on a tie: as
     triads.nearest_on_the_edges. */
  function nearestOnTheEdges(corners, x, y) {
    var best = null;
    for (var i = 0; i < 3; i++) {
      var x1 = corners[i][0], y1 = corners[i][1];
      var x2 = corners[(i + 1) % 3][0], y2 = corners[(i + 1) % 3][1];
      var dx = x2 - x1, dy = y2 - y1;
      var along = ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy);
      along = Math.min(1, Math.max(0, along));
      var px = x1 + along * dx, py = y1 + along * dy;
      var distance = (px - x) * (px - x) + (py - y) * (py - y);
      if (best === null || distance < best[0]) {
        best = [distance, px, py];
      }
    }
    return [best[1], best[2]];
  }

  /* The placement at (x, y), a point outside taken to the nearest side: as
     triads.weights_at. */
  function weightsAt(corners, x, y) {
    var here = shares(corners, x, y);
    if (Math.min(here[0], here[1], here[2]) < 0) {
      var nearest = nearestOnTheEdges(corners, x, y);
      here = shares(corners, nearest[0], nearest[1]);
    }
    return asPercentages(
      here.map(function (share) {
        return Math.max(0, share);
      })
    );
  }

  /* Where a placement is drawn, as triads.point (not rounded: for drawing only). */
  function point(corners, weights) {
    var a = weights[0] / 100, b = weights[1] / 100, c = weights[2] / 100;
    return [
      a * corners[0][0] + b * corners[1][0] + c * corners[2][0],
      a * corners[0][1] + b * corners[1][1] + c * corners[2][1],
    ];
  }

  window.CoaTriad = Object.freeze({
    asPercentages: asPercentages,
    weightsAt: weightsAt,
    point: point,
  });

  // ----- Small helpers -------------------------------------------------------------------

  function svgElement(name, attributes, parent) {
    var element = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) {
      element.setAttribute(key, attributes[key]);
    });
    if (parent) {
      parent.appendChild(element);
    }
    return element;
  }

  function htmlElement(name, className, parent) {
    var element = document.createElement(name);
    element.className = className;
    if (parent) {
      parent.appendChild(element);
    }
    return element;
  }

  function showForScript(scope) {
    scope.querySelectorAll("[data-with-js]").forEach(function (element) {
      element.hidden = false;
    });
    scope.querySelectorAll("[data-without-js]").forEach(function (element) {
      element.hidden = true;
    });
  }

  function notApplicableBox(element) {
    var fieldset = element.closest("fieldset");
    return fieldset ? fieldset.querySelector("input[data-not-applicable]") : null;
  }

  /* A whole number from 0 to 100 typed in an input, "" for nothing, or null for neither. */
  function typedWeight(input) {
    var text = input.value.trim();
    if (text === "") {
      return "";
    }
    var number = Number(text);
    return Number.isInteger(number) && number >= 0 && number <= 100 ? number : null;
  }

  // ----- A triad ---------------------------------------------------------------------------

  function Triad(root) {
    this.root = root;
    this.inputs = Array.prototype.slice.call(root.querySelectorAll("[data-triad-weights] input"));
    if (this.inputs.length !== 3) {
      return;
    }
    this.corners = root
      .getAttribute("data-corners")
      .trim()
      .split(/\s+/)
      .map(function (pair) {
        return pair.split(",").map(Number);
      });
    this.labels = (root.getAttribute("data-labels") || "").split("|");
    if (this.labels.length !== 3) {
      // A quality with a "|" in its name: its input's label has it whole.
      this.labels = this.inputs.map(function (input) {
        var label = root.querySelector("label[for='" + input.id + "']");
        return label ? label.textContent.trim() : "";
      });
    }
    this.text = {
      value: root.getAttribute("data-text-value") || "{quality} {percent}",
      none: root.getAttribute("data-text-none") || "",
      off: root.getAttribute("data-text-off") || "",
    };
    this.weights = null; // the placement, once there is one
    this.cursor = null; // where the keyboard moves from (the point, before rounding)
    this.off = false;
    this.draw();
    this.listen();
    this.fromInputs();
    var box = notApplicableBox(root);
    if (box) {
      this.box = box;
      this.setOff(box.checked);
    }
    showForScript(root.closest("fieldset") || root);
  }

  Triad.prototype.draw = function () {
    var corners = this.corners;
    var xs = corners.map(function (corner) { return corner[0]; });
    var ys = corners.map(function (corner) { return corner[1]; });
    var left = Math.min.apply(null, xs) - MARGIN;
    var top = Math.min.apply(null, ys) - MARGIN;
    var width = Math.max.apply(null, xs) - Math.min.apply(null, xs) + 2 * MARGIN;
    var height = Math.max.apply(null, ys) - Math.min.apply(null, ys) + 2 * MARGIN;

    var chart = this.root.querySelector("[data-triad-chart]");
    if (!chart) {
      chart = htmlElement("div", "coa-triad__chart");
      this.root.insertBefore(chart, this.root.firstChild);
    }
    chart.hidden = false;
    var self = this;
    var cornerNames = ["a", "b", "c"].map(function (letter, index) {
      var name = htmlElement("span", "coa-triad__corner coa-triad__corner--" + letter, null);
      name.textContent = self.labels[index];
      return name;
    });

    var control = htmlElement("div", "coa-triad__control", null);
    control.setAttribute("role", "slider");
    control.setAttribute("tabindex", "0");
    control.setAttribute("aria-valuemin", "0");
    control.setAttribute("aria-valuemax", "100");
    var id = this.root.getAttribute("data-id");
    var legend = id && document.getElementById(id + "-legend");
    if (legend) {
      control.setAttribute("aria-labelledby", legend.id);
    }
    var keys = this.root.querySelector("[data-triad-keys]");
    if (keys) {
      control.setAttribute("aria-describedby", keys.id);
    }

    var svg = svgElement("svg", {
      viewBox: [left, top, width, height].join(" "),
      class: "coa-triad__drawing",
      "aria-hidden": "true",
      focusable: "false",
    }, control);
    var outline = corners.map(function (corner) { return corner.join(","); }).join(" ");
    svgElement("polygon", { points: outline, class: "coa-triad__shape" }, svg);
    // Guides from each corner to the middle of the side facing it: the centre is even.
    corners.forEach(function (corner, index) {
      var p = corners[(index + 1) % 3], q = corners[(index + 2) % 3];
      svgElement("line", {
        x1: corner[0], y1: corner[1], x2: (p[0] + q[0]) / 2, y2: (p[1] + q[1]) / 2,
        class: "coa-triad__guide",
      }, svg);
    });
    corners.forEach(function (corner) {
      svgElement("circle", { cx: corner[0], cy: corner[1], r: 4, class: "coa-triad__vertex" }, svg);
    });
    this.marker = svgElement("g", { class: "coa-triad__point", visibility: "hidden" }, svg);
    this.ring = svgElement("circle", { r: 12, class: "coa-triad__point-ring" }, this.marker);
    this.dot = svgElement("circle", { r: 9, class: "coa-triad__point-dot" }, this.marker);

    var readout = htmlElement("p", "coa-triad__readout nhsuk-body-s", null);
    readout.setAttribute("aria-hidden", "true");

    chart.appendChild(cornerNames[0]);
    chart.appendChild(control);
    var bottom = htmlElement("div", "coa-triad__bottom", chart);
    bottom.setAttribute("aria-hidden", "true");
    bottom.appendChild(cornerNames[1]);
    bottom.appendChild(cornerNames[2]);
    // The names are the inputs' labels and the slider's value text already.
    cornerNames[0].setAttribute("aria-hidden", "true");
    chart.appendChild(readout);

    this.chart = chart;
    this.control = control;
    this.svg = svg;
    this.readout = readout;
  };

  Triad.prototype.listen = function () {
    var self = this;
    var dragging = null;
    this.control.addEventListener("pointerdown", function (event) {
      if (self.off || (event.pointerType === "mouse" && event.button !== 0)) {
        return;
      }
      event.preventDefault(); // no text selection, and no scrolling while placing
      self.control.focus({ preventScroll: true });
      dragging = event.pointerId;
      if (self.control.setPointerCapture) {
        self.control.setPointerCapture(event.pointerId);
      }
      self.placeAtPointer(event);
    });
    this.control.addEventListener("pointermove", function (event) {
      if (dragging === event.pointerId && !self.off) {
        self.placeAtPointer(event);
      }
    });
    function stop(event) {
      if (dragging === event.pointerId) {
        dragging = null;
      }
    }
    this.control.addEventListener("pointerup", stop);
    this.control.addEventListener("pointercancel", stop);
    this.control.addEventListener("keydown", function (event) {
      self.onKey(event);
    });
    this.inputs.forEach(function (input) {
      input.addEventListener("input", function () {
        self.fromInputs();
      });
    });
    var box = notApplicableBox(this.root);
    if (box) {
      box.addEventListener("change", function () {
        self.setOff(box.checked);
      });
    }
  };

  /* The drawing's coordinates of a pointer event. */
  Triad.prototype.drawingPoint = function (event) {
    var matrix = this.svg.getScreenCTM();
    if (!matrix) {
      return null;
    }
    var at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    return [at.x, at.y];
  };

  Triad.prototype.placeAtPointer = function (event) {
    var at = this.drawingPoint(event);
    if (at) {
      this.placeAt(at[0], at[1]);
    }
  };

  /* Place the point nearest (x, y), and write its percentages into the inputs. */
  Triad.prototype.placeAt = function (x, y) {
    var weights = weightsAt(this.corners, x, y);
    var inside = shares(this.corners, x, y).every(function (share) { return share >= 0; });
    this.cursor = inside ? [x, y] : point(this.corners, weights);
    this.show(weights);
    var inputs = this.inputs;
    weights.forEach(function (weight, index) {
      inputs[index].value = String(weight);
    });
  };

  Triad.prototype.onKey = function (event) {
    if (this.off || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var moves = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    var move = moves[event.key];
    if (!move && event.key !== "Home") {
      return;
    }
    event.preventDefault(); // the arrows move the point, not the page
    var corners = this.corners;
    var centre = [
      (corners[0][0] + corners[1][0] + corners[2][0]) / 3,
      (corners[0][1] + corners[1][1] + corners[2][1]) / 3,
    ];
    if (!this.weights || event.key === "Home") {
      this.placeAt(centre[0], centre[1]); // a first press puts the point in the middle
      return;
    }
    var percent = event.shiftKey ? BIG_STEP : STEP;
    var width = corners[2][0] - corners[1][0];
    var height = corners[1][1] - corners[0][1];
    var from = this.cursor || point(corners, this.weights);
    this.placeAt(
      from[0] + (move[0] * width * percent) / 100,
      from[1] + (move[1] * height * percent) / 100
    );
  };

  /* Typing in the inputs: three whole numbers from 0 to 100, not all 0, place the point;
     nothing in all three takes it away; anything else leaves it off until they are. */
  Triad.prototype.fromInputs = function () {
    var typed = this.inputs.map(typedWeight);
    var complete = typed.every(function (weight) { return typeof weight === "number"; });
    if (complete && typed[0] + typed[1] + typed[2] > 0) {
      var weights = asPercentages(typed);
      this.cursor = point(this.corners, weights);
      this.show(weights);
    } else {
      this.cursor = null;
      this.show(null);
    }
  };

  Triad.prototype.describe = function (weights) {
    var template = this.text.value;
    var labels = this.labels;
    return weights
      .map(function (weight, index) {
        return template.replace("{quality}", labels[index]).replace("{percent}", weight + "%");
      })
      .join(", ");
  };

  Triad.prototype.show = function (weights) {
    this.weights = weights;
    var text;
    if (weights) {
      var at = point(this.corners, weights);
      this.marker.setAttribute("transform", "translate(" + at[0] + " " + at[1] + ")");
      this.marker.setAttribute("visibility", "visible");
      this.control.setAttribute("aria-valuenow", String(weights[0]));
      text = this.describe(weights);
    } else {
      this.marker.setAttribute("visibility", "hidden");
      this.control.setAttribute("aria-valuenow", "0");
      text = this.text.none;
    }
    this.readout.textContent = this.off ? this.text.off : text;
    this.control.setAttribute("aria-valuetext", this.off ? this.text.off : text);
    this.root.classList.toggle("coa-triad--placed", Boolean(weights));
  };

  /* "Does not apply" ticked: the triangle and the inputs are not in use (and not sent). */
  Triad.prototype.setOff = function (off) {
    this.off = off;
    this.root.classList.toggle("coa-triad--off", off);
    this.control.setAttribute("aria-disabled", off ? "true" : "false");
    this.control.setAttribute("tabindex", off ? "-1" : "0");
    this.inputs.forEach(function (input) {
      input.disabled = off;
    });
    this.show(this.weights);
  };

  // ----- A slider --------------------------------------------------------------------------

  function Slider(root) {
    var input = root.querySelector("input[type=range]");
    var output = root.querySelector("output");
    if (!input || !output) {
      return;
    }
    var untouched = Boolean(root.closest("[data-untouched]"));
    // Tells the form whether the slider was moved (evaluation.forms.moved_name): an unmoved
    // slider is not taken as an answer in the middle.
    var moved = document.createElement("input");
    moved.type = "hidden";
    moved.name = input.name + "_moved";
    root.appendChild(moved);
    function update() {
      output.textContent = input.value;
      moved.value = untouched ? "0" : "1";
      root.classList.toggle("coa-slider--untouched", untouched);
    }
    input.addEventListener("input", function () {
      untouched = false;
      update();
    });
    var box = notApplicableBox(root);
    function setOff() {
      root.classList.toggle("coa-slider--off", box.checked);
      input.disabled = box.checked;
    }
    if (box) {
      box.addEventListener("change", setOff);
      setOff();
    }
    update();
    showForScript(root);
  }

  document.querySelectorAll("[data-triad]").forEach(function (root) {
    new Triad(root);
  });
  document.querySelectorAll("[data-slider]").forEach(function (root) {
    new Slider(root);
  });
})();
