"""``briefgen init``: a new project folder with everything a user edits."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .config import CONFIG_FILE
from .errors import BriefgenError

CONFIG_TEXT = '''# briefgen project settings. Every key is optional; paths are relative to this folder.
# Environment variables BRIEFGEN_<KEY> (BRIEFGEN_OUTPUT, BRIEFGEN_ISSUER, …) override them.
[briefgen]
# sources = "sources"      # the articles: .txt, .md, .html, .docx, .pdf (sub-folders are fine)
# output = "output"        # where packs and output/manifest.json are written
# cache = ".briefgen"      # the passage index (rebuilt from the sources when deleted)
# templates = "templates"  # year.md.j2 and theme.md.j2 here replace briefgen's own
# themes = "themes.toml"   # your themes: same id replaces a default theme, a new id adds one
issuer = "BỘ NGOẠI GIAO"   # the issuing body on the first page of every pack
place = "Hà Nội"           # the place in the place-and-date line
# author = ""              # the documents' author property (default: the issuer)
'''

README_TEXT = '''# Briefing packs

Put the articles in `sources/`, then run `briefgen yearly` (one review pack per year) or
`briefgen build --theme citizen_protection`. Packs are written to `output/`. Edit
`briefgen.toml`, `templates/*.md.j2` and `themes.toml` to change the issuer, the wording and
the themes; `briefgen --help` lists every command.
'''


def init_project(folder: Path) -> list[Path]:
    """Create a project in *folder* and return what was created; never overwrite a project."""
    if (folder / CONFIG_FILE).exists():
        raise BriefgenError(f"{folder}: already a briefgen project ({CONFIG_FILE} exists); nothing changed")
    package = resources.files("briefgen")
    files = {
        folder / CONFIG_FILE: CONFIG_TEXT,
        folder / "README.md": README_TEXT,
        folder / "themes.toml": package.joinpath("data/themes.toml").read_text(encoding="utf-8"),
        folder / "templates" / "year.md.j2": package.joinpath("templates/year.md.j2").read_text(encoding="utf-8"),
        folder / "templates" / "theme.md.j2": package.joinpath("templates/theme.md.j2").read_text(encoding="utf-8"),
    }
    created: list[Path] = []
    for directory in (folder, folder / "sources", folder / "output", folder / "templates"):
        if not directory.exists():
            directory.mkdir(parents=True)
            created.append(directory)
    for path, text in files.items():
        if path.exists():
            continue
        path.write_text(text, encoding="utf-8")
        created.append(path)
    return created
