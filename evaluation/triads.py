"""A triad's arithmetic, shared by the form (three weights), the widget (a point in the
triangle, in static/evaluation/js/triad.js) and the plots.

A placement is three whole percentages adding up to 100: how much of the first (top),
second (bottom left) and third (bottom right) quality the teller's story holds. Any three
non-negative weights stand for the same placement as their proportions (2, 1, 1 is 50, 25,
25), rounded by largest remainder so they always add up to 100.

The triangle is drawn in a square of side `SIZE`: the top corner at (SIZE/2, TOP), bottom
left at (0, BOTTOM), bottom right at (SIZE, BOTTOM). `point` and `weights_at` turn one into
the other (barycentric coordinates); the JavaScript widget does the same sums.
"""

import math

SIZE = 300
TOP = 10
BOTTOM = TOP + round(SIZE * math.sqrt(3) / 2)
CORNERS = ((SIZE / 2, TOP), (0, BOTTOM), (SIZE, BOTTOM))


#: Shares are compared in whole billionths of a percent, so that ties are ties (and
#: the JavaScript, doing the same sums in the same order, gets the same answer).
UNITS = 10**9


def as_percentages(weights):
    """Three non-negative numbers (not all 0) as whole percentages adding up to 100."""
    weights = [float(weight) for weight in weights]
    if len(weights) != 3 or any(weight < 0 for weight in weights) or not sum(weights):
        raise ValueError("three non-negative weights, not all 0")
    total = weights[0] + weights[1] + weights[2]
    units = [math.floor(weight * 100 / total * UNITS + 0.5) for weight in weights]
    whole = [share // UNITS for share in units]
    remainders = [share - part * UNITS for share, part in zip(units, whole, strict=True)]
    # Largest remainder first; ties to the earlier corner, so the result is deterministic.
    by_remainder = sorted(range(3), key=lambda i: (-remainders[i], i))
    for i in by_remainder[: 100 - sum(whole)]:
        whole[i] += 1
    return tuple(whole)


def point(weights):
    """The (x, y) in the drawing of a placement (three percentages)."""
    a, b, c = (weight / 100 for weight in weights)
    x = a * CORNERS[0][0] + b * CORNERS[1][0] + c * CORNERS[2][0]
    y = a * CORNERS[0][1] + b * CORNERS[1][1] + c * CORNERS[2][1]
    return round(x, 1), round(y, 1)


def shares(x, y):
    """The three shares (barycentric coordinates) of the point (x, y); negative outside."""
    (x1, y1), (x2, y2), (x3, y3) = CORNERS
    det = (y2 - y3) * (x1 - x3) + (x3 - x2) * (y1 - y3)
    a = ((y2 - y3) * (x - x3) + (x3 - x2) * (y - y3)) / det
    b = ((y3 - y1) * (x - x3) + (x1 - x3) * (y - y3)) / det
    return a, b, 1 - a - b


def nearest_on_the_edges(x, y):
    """The point of the triangle's sides nearest to (x, y); the first side on a tie."""
    best = None
    for (x1, y1), (x2, y2) in zip(CORNERS, CORNERS[1:] + CORNERS[:1], strict=True):
        dx, dy = x2 - x1, y2 - y1
        along = ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)
        along = min(1.0, max(0.0, along))
        px, py = x1 + along * dx, y1 + along * dy
        distance = (px - x) * (px - x) + (py - y) * (py - y)
        if best is None or distance < best[0]:
            best = (distance, px, py)
    return best[1], best[2]


def weights_at(x, y):
    """The placement (three percentages) at the point (x, y) of the drawing; a point outside
    the triangle is taken to the nearest point of its sides."""
    if min(shares(x, y)) < 0:
        x, y = nearest_on_the_edges(x, y)
    return as_percentages([max(0.0, share) for share in shares(x, y)])
