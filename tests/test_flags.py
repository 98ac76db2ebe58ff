"""Damaged input is flagged (text without its diacritics, look-alike letters of other scripts,
markup left in a text file), and packs leave flagged sources out unless asked, saying so."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Cli

GOOD = ("Kết quả công tác bảo hộ công dân năm 2023\n\n"
        "Năm 2023, Bộ Ngoại giao đã bảo hộ hàng nghìn công dân Việt Nam gặp khó khăn ở nước ngoài, phối hợp "
        "chặt chẽ với các cơ quan chức năng sở tại và các cơ quan đại diện.\n")
# Each reports a result a pack prints (a named partner, an agreement signed): what is left out
# is left out for its flag, not for saying too little.
NO_TONES = ("Ket qua cong tac bao ho cong dan nam 2023\n\n"
            "Nam 2023, Bo Ngoai giao da ky ket Hiep dinh lanh su voi Han Quoc va bao ho hang nghin cong dan Viet "
            "Nam gap kho khan o nuoc ngoai, phoi hop "
            "chat che voi cac co quan chuc nang so tai va cac co quan dai dien cua Viet Nam tai nhieu nuoc. "
            "Thu tuong da danh gia cao ket qua cua nganh ngoai giao trong cong tac bao ho cong dan nam qua.\n")
LOOKALIKE = ("Kết quả công tác bảo hộ công dân năm 2023 của các cơ quan\n\n"
             "Năm 2023, Bộ Ngоại giao đã bảо hộ hàng nghìn công dân Việt Nam gặp khó khăn ở nước ngoài, phối hợp "
             "chặt chẽ với các cơ quan chức năng sở tại.\n")  # two Cyrillic "о" inside Vietnamese words
MARKUP = ("Kết quả công tác bảo hộ công dân năm 2023 tại các địa bàn\n\n"
          "<p>Năm 2023, Việt Nam đã ký kết Hiệp định lãnh sự với Indonesia, các cơ quan đại diện đã bảo hộ kịp "
          "thời nhiều công dân gặp nạn trên biển.</p>\n")


def project(root: Path) -> Cli:
    (root / "sources").mkdir()
    for name, text in (("good", GOOD), ("notones", NO_TONES), ("lookalike", LOOKALIKE), ("markup", MARKUP)):
        (root / "sources" / f"{name}.txt").write_text(text, encoding="utf-8")
    return Cli(root)


def test_damaged_sources_are_flagged_and_packs_leave_them_out(tmp_path: Path) -> None:
    cli = project(tmp_path)
    ingest = cli.run("ingest")
    assert "flagged: lost diacritics" in ingest.stderr
    flags = {s["id"]: s["flags"] for s in cli.json("sources")["sources"]}
    assert flags == {"good": [], "notones": ["lost diacritics"], "lookalike": ["look-alike letters"],
                     "markup": ["markup residue"]}
    result = cli.run("build", "--year", "2023", "--format", "md", "--json")
    (pack,) = json.loads(result.stdout)["packs"]
    assert {entry["source_id"] for entry in pack["left_out"]} == {"notones", "lookalike", "markup"}
    assert "left out 3 flagged sources" in result.stderr and "--include-flagged" in result.stderr
    text = (tmp_path / "output" / "2023-year-review.md").read_text(encoding="utf-8")
    assert "sources/good.txt" in text and "sources/notones.txt" not in text
    cli.run("build", "--year", "2023", "--format", "md", "--include-flagged")
    text = (tmp_path / "output" / "2023-year-review.md").read_text(encoding="utf-8")
    assert "sources/notones.txt" in text and "sources/markup.txt" in text


def test_a_sidecar_can_clear_a_flag_and_a_batch_entry_can_include_flagged(tmp_path: Path) -> None:
    cli = project(tmp_path)
    (tmp_path / "sources" / "markup.meta.toml").write_text("flags = []\n", encoding="utf-8")
    flags = {s["id"]: s["flags"] for s in cli.json("sources")["sources"]}
    assert flags["markup"] == []
    (tmp_path / "packs.toml").write_text('[[pack]]\nyear = 2023\nformats = ["md"]\ninclude_flagged = true\n',
                                         encoding="utf-8")
    report = json.loads(cli.run("batch", str(tmp_path / "packs.toml"), "--json").stdout)
    assert report["packs"][0]["left_out"] == []


CUT = ("Hội nghị tổng kết công tác đối ngoại năm 2023 của tỉnh\n\n"
       "Năm 2023, tỉnh đã tổ chức thành công nhiều hoạt động đối ngoại, đón 12 đoàn khách quốc tế đến thăm "
       "và làm việc, ký kết 5 thỏa thuận hợp tác với các địa phương nước bạn.\n\n"
       "Phát biểu tại hội nghị, Phó Chủ tịch tỉnh nhấn mạnh năm 2024 tỉnh cần tiếp tục mở rộng quan hệ với các địa "
       "phương nước bạn, nâng cao hiệu quả công tác đối ngoại và triển khai 2 chương trình hợp tác quan")


def test_a_cut_off_excerpt_marks_its_last_passage_and_no_figure_keeps_the_fragment(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "cut.txt").write_text(CUT, encoding="utf-8")
    cli = Cli(tmp_path)
    passages = cli.json("show", "cut")["passages"]
    assert [p["cut"] for p in passages] == [False, True]
    figures = {f["text"]: f for p in passages for f in p["figures"]}
    assert figures["2 chương trình hợp tác quan"]["cut"] is True and "cut" not in figures["12 đoàn khách quốc tế"]
    cli.run("build", "--year", "2024", "--format", "md")
    cli.run("build", "--year", "2023", "--format", "md")
    text = (tmp_path / "output" / "2023-year-review.md").read_text(encoding="utf-8")
    assert "12 đoàn khách quốc tế" in text
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert not any("hợp tác quan" in line for line in table)  # never a row of the key figures
    later = (tmp_path / "output" / "2024-year-review.md").read_text(encoding="utf-8")
    # printed with the mark of the cut, without the word the cut may have split ("quan" of "quan trọng")
    assert "2 chương trình hợp tác …" in later and "hợp tác quan" not in later
