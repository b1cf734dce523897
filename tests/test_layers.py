"""The house (DESIGN.md §Layout): each app imports only from its own floor or the floors below,
and no import runs in a circle. Read from the source with `ast`, so a lazy import inside a
function counts as much as one at the top of a file."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The floor of every app; an app may import from the same floor only where listed in SIDEWAYS.
FLOORS = {
    "core": 0,
    "live": 0,
    "accounts": 1,
    "notifications": 2,
    "ideas": 3,
    "voting": 4,
    "reviews": 5,
    "rankings": 6,
    "dashboard": 7,
    "demo": 7,
    "backend": 7,
}
# backend/ wires every path (urls.py, routing.py), the dashboard's among them (DESIGN.md).
SIDEWAYS: set[tuple[str, str]] = {("backend", "dashboard")}


def _imports(app: str) -> dict[str, set[str]]:
    """For each module of the app, the first-party apps it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                targets.update(alias.name.split(".")[0] for alias in node.names)
        found[module] = {t for t in targets if t in FLOORS and t != app}
    return found


def test_every_app_is_on_a_floor():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")} | {
        p.parent.name for p in ROOT.glob("*/__init__.py") if p.parent.name not in {"tests"}
    }
    apps -= {"bench", "deploy", "frontend_static", "locale"}
    assert apps <= set(FLOORS), apps - set(FLOORS)


@pytest.mark.parametrize("app", sorted(FLOORS))
def test_no_app_imports_from_a_floor_above_its_own(app):
    upward = {
        (module, target)
        for module, targets in _imports(app).items()
        for target in targets
        if FLOORS[target] > FLOORS[app]
        or (FLOORS[target] == FLOORS[app] and (app, target) not in SIDEWAYS)
    }
    assert not upward, f"{app} imports upwards or sideways: {sorted(upward)}"


def test_no_import_circle_between_apps():
    graph = {app: set().union(*_imports(app).values(), set()) for app in FLOORS}
    seen: set[str] = set()
    stack: list[str] = []

    def visit(app: str) -> None:
        assert app not in stack, "import circle: " + " -> ".join([*stack, app])
        if app in seen:
            return
        stack.append(app)
        for target in sorted(graph[app]):
            visit(target)
        stack.pop()
        seen.add(app)

    for app in sorted(graph):
        visit(app)
