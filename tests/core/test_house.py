"""How the house stands: imports run one way, core stands on nothing of ours, and no import
circles, counting imports inside functions too."""

import ast
from pathlib import Path

from django.apps import apps

import pytest

ROOT = Path(__file__).resolve().parents[2]


def our_apps():
    return sorted(
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(ROOT)
        and ".venv" not in Path(config.path).parts
    )


OUR_PACKAGES = [*our_apps(), "coa_site"]
SOURCE_DIRS = {"coa_site": ROOT / "site"}


def module_files():
    for package in OUR_PACKAGES:
        folder = SOURCE_DIRS.get(package, ROOT / package)
        for path in folder.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join([package, *parts]), path


MODULES = dict(module_files())


def resolve(module, path, node):
    """The modules of ours an import statement names (relative imports resolved)."""
    is_package = path.name == "__init__.py"
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            anchor = module.split(".")
            anchor = anchor if is_package else anchor[:-1]
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        names = [f"{base}.{alias.name}" for alias in node.names] + [base]
    found = set()
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name != module:
            found.add(name)
    # `from x import y` names y when y is a module, else x itself: keep the most specific.
    return {name for name in found if not any(o.startswith(name + ".") for o in found)}


def import_graph():
    graph = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text())
        graph[module] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                graph[module] |= resolve(module, path, node)
    return graph


GRAPH = import_graph()


def find_cycle(graph):
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_no_module_of_ours_is_part_of_an_import_circle():
    assert find_cycle(GRAPH) is None


def test_core_imports_no_other_app_of_ours():
    others = {package for package in OUR_PACKAGES if package != "core"}
    for module, targets in GRAPH.items():
        if module.startswith("core."):
            assert not {t.split(".")[0] for t in targets} & others, module


def test_home_does_not_import_members():
    for module, targets in GRAPH.items():
        if module.split(".")[0] == "home":
            assert not any(t.startswith("members") for t in targets), module


@pytest.mark.parametrize("module", sorted(m for m in MODULES if ".models" in m))
def test_no_models_module_imports_a_views_module(module):
    assert not any(t.endswith(("views", "admin_views")) for t in GRAPH[module])


def test_the_import_graph_sees_relative_and_function_level_imports():
    """The checks above can fail: the graph holds the edges a reader sees in the code."""
    assert {"core.serving", "core.access", "resources.models.events"} <= GRAPH[
        "resources.models.pages"
    ]
    assert "core.access" in GRAPH["core.pages"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
