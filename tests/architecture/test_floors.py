"""Apps are floors: every import points down (or along its own floor), so the delivery
floor sits below the HTTP surface with no arrow back, and there is no circle."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# DESIGN.md's floors, bottom up; `operations` is the ground every floor may stand on.
FLOORS = {
    "operations": 0,
    "news": 1, "limits": 1, "worker": 1,
    "events": 2, "network": 2, "widgets": 2,
    "home": 3, "importer": 3,
    "feeds": 4, "newsletter": 4,
    "delivery": 5,
    "fediverse": 5,
    "reach": 5,
    "api": 6,
    "cms": 7,
}  # fmt: skip


def imports_between_apps() -> dict[str, set[str]]:
    """App -> the apps it imports, anywhere in its modules (functions included)."""
    edges: dict[str, set[str]] = {app: set() for app in FLOORS}
    for app in FLOORS:
        for path in (ROOT / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                edges[app] |= {n.split(".")[0] for n in names if n.split(".")[0] in FLOORS}
        edges[app].discard(app)
    return edges


def test_every_app_is_on_a_floor():
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}
    assert packages - {"tests", "bench"} == set(FLOORS)


def test_every_import_points_down_or_along_its_floor():
    upward = [
        f"{app} (floor {FLOORS[app]}) imports {target} (floor {FLOORS[target]})"
        for app, targets in imports_between_apps().items()
        for target in targets
        if FLOORS[target] > FLOORS[app]
    ]
    assert upward == []


def test_delivery_is_below_the_http_surface_with_no_arrow_back():
    edges = imports_between_apps()
    assert "delivery" in edges["api"]
    assert not edges["delivery"] & {"api", "cms"}


def test_there_is_no_circle():
    edges = imports_between_apps()

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(
            nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt}))
            for nxt in edges[start]
        )

    assert [app for app in edges if reaches(app, app, {app})] == []
