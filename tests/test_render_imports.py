"""The renderers take a document tree and nothing else from upstream: importing one loads
neither the store (briefgen.store, sqlite3), nor the assembler (briefgen.assemble), nor the
indexing of sources (briefgen.indexing), nor the wiring (briefgen.build).

Each module is imported in a fresh interpreter, so what an earlier test loaded cannot hide
an import.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import briefgen

RENDERERS = ["briefgen.rendering.pdf", "briefgen.rendering.docx", "briefgen.rendering.markdown",
             "briefgen.rendering.doctree", "briefgen.rendering.templating", "briefgen.rendering.chart",
             "briefgen.rendering"]
# Upstream of rendering: the store, the assembler, the indexing of sources, and the wiring.
UPSTREAM = ("sqlite3", "briefgen.store", "briefgen.assemble", "briefgen.indexing", "briefgen.build")


def loaded_by(module: str) -> list[str]:
    """Return the modules a fresh interpreter holds after importing *module*."""
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout))


@pytest.mark.parametrize("module", RENDERERS)
def test_a_renderer_loads_nothing_upstream(module: str) -> None:
    loaded = loaded_by(module)
    assert module in loaded
    pulled = [m for m in loaded if m in UPSTREAM or m.startswith(tuple(f"{u}." for u in UPSTREAM))]
    assert not pulled, f"importing {module} loads {pulled}"


def test_the_package_still_offers_the_api_by_name() -> None:
    code = ("import briefgen, sys; assert 'briefgen.build' not in sys.modules; from briefgen import build_pack, "
            "ingest, figures, render; assert all(callable(f) for f in (build_pack, ingest, figures, render)); "
            "assert {'build_pack', 'ingest', 'load_config', 'Pack'} <= set(dir(briefgen)); print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "ok"


def test_charts_are_drawn_by_reportlab_alone() -> None:
    # One drawing for every format (briefgen/rendering/chart.py): no module draws with Pillow.
    package = Path(briefgen.__file__).parent
    drawing = [str(p.relative_to(package)) for p in package.rglob("*.py")
               if re.search(r"^\s*(from|import) PIL\b", p.read_text(encoding="utf-8"), re.M)]
    assert drawing == []
