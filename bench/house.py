"""The house of the package: each module with its lines and the briefgen modules it imports,
then the longest functions, and any import cycle. A plain script (no briefgen import)::

    python bench/house.py [--functions N] [PACKAGE_DIR]

Imports are read with ``ast``, also those inside functions (they are still edges of the
graph); ``from . import x`` counts as an import of the submodule ``x`` where one exists.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path) -> dict[str, Path]:
    return {module_name(root, p): p for p in sorted(root.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules ``name`` imports (at any depth of the file)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in known:
                    found.add(sub)
                elif target in known:
                    found.add(target)
    found.discard(name)
    return found


def graph(root: Path) -> dict[str, set[str]]:
    mods = modules(root)
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def functions(root: Path) -> list[tuple[int, str]]:
    rows = []
    for name, path in modules(root).items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                rows.append((length, f"{name}.{node.name}"))
    return sorted(rows, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", nargs="?", default=str(Path(__file__).resolve().parent.parent / "briefgen"))
    parser.add_argument("--functions", type=int, default=15, help="how many of the longest functions to print")
    args = parser.parse_args()
    root = Path(args.package).resolve()
    edges = graph(root)
    mods = modules(root)
    total = 0
    print(f"{'module':32} {'lines':>5}  imports")
    for name in sorted(mods):
        lines = len(mods[name].read_text(encoding="utf-8").splitlines())
        total += lines
        short = sorted(m.removeprefix(root.name + ".") for m in edges[name])
        print(f"{name.removeprefix(root.name + '.') or '__init__':32} {lines:5}  {', '.join(short)}")
    print(f"{len(mods)} modules, {total} lines")
    print("\nlongest functions (lines):")
    for length, fname in functions(root)[: args.functions]:
        print(f"{length:5}  {fname.removeprefix(root.name + '.')}")
    found = cycles(edges)
    print(f"\nimport cycles: {len(found)}")
    for comp in found:
        print("  " + " ↔ ".join(m.removeprefix(root.name + ".") for m in comp))


if __name__ == "__main__":
    main()
