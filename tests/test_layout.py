"""The package's layout: no import circles between its modules, and a CLI on public names only."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path
from typing import Final

import fiverr_support_kb

PACKAGE: Final = "fiverr_support_kb"
ROOT: Final = Path(fiverr_support_kb.__file__).parent


def module_name(path: Path) -> str:
    """Return the dotted name of the module in *path*, a file of the installed package."""
    parts = [PACKAGE, *path.relative_to(ROOT).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules() -> dict[str, Path]:
    """Return every module of the installed package, by dotted name."""
    return {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


MODULES: Final = package_modules()


def resolve(module: str, node: ast.ImportFrom) -> str:
    """Return the absolute name of the module an ``import from`` in *module* names."""
    if not node.level:
        return node.module or ""
    is_package = MODULES[module].name == "__init__.py"
    base = module.split(".")
    drop = node.level - 1 if is_package else node.level
    base = base[: len(base) - drop] if drop else base
    return ".".join([*base, node.module] if node.module else base)


def imports_of(module: str) -> set[tuple[str, str]]:
    """Return ``(module, name)`` for every import in *module*, at any depth of its code.

    Module-level imports, imports inside functions and ``TYPE_CHECKING`` imports all count.
    ``from package import submodule`` is an import of the submodule; ``from module import
    name`` of the module (with the name, to check for private names).
    """
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update((alias.name, "") for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = resolve(module, node)
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in MODULES:
                    found.add((submodule, ""))
                else:
                    found.add((source, alias.name))
    return found


def graph() -> dict[str, set[str]]:
    """Return the import graph of the package's own modules (an edge: *a* imports *b*)."""
    return {
        module: {name for name, _ in imports_of(module) if name in MODULES and name != module}
        for module in MODULES
    }


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """Return one import circle of *edges* as a list of modules (first repeated last), or []."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = 1
        path.append(module)
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[module] = 2
        return []

    for module in sorted(edges):
        if module not in state:
            cycle = visit(module)
            if cycle:
                return cycle
    return []


def test_the_modules_are_found_in_the_installed_package() -> None:
    """The walk sees the installed package's modules, subpackages and their helpers included."""
    assert importlib.util.find_spec(PACKAGE) is not None
    for name in ("fiverr_support_kb.cli", "fiverr_support_kb.faq._engine", PACKAGE):
        assert name in MODULES


def test_the_import_graph_has_no_circle() -> None:
    """No module imports, directly or through others, a module that imports it back."""
    assert find_cycle(graph()) == []


def test_a_helper_is_not_imported_through_its_door() -> None:
    """The circle finder sees a helper that imports its own package's door: it is a circle."""
    edges = {"pkg": {"pkg._helper"}, "pkg._helper": {"pkg"}}
    assert find_cycle(edges) == ["pkg", "pkg._helper", "pkg"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


def test_imports_inside_functions_and_type_checking_blocks_count() -> None:
    """An import inside a function or under TYPE_CHECKING is an edge of the graph too."""
    edges = graph()
    assert "fiverr_support_kb.faq" in edges["fiverr_support_kb.knowledge_base"]  # in search()
    assert "fiverr_support_kb.knowledge_base" in edges["fiverr_support_kb.cli"]


def test_the_cli_imports_no_private_name() -> None:
    """cli.py uses the package through public modules and names only, never a _private one."""
    private = sorted(
        f"{module}.{name}".rstrip(".")
        for module, name in imports_of(f"{PACKAGE}.cli")
        if module.startswith(PACKAGE)
        and (
            any(part.startswith("_") for part in module.split("."))
            or (name.startswith("_") and name != "__version__")
        )
    )
    assert private == []
