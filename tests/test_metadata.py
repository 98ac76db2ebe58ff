"""Metadata per source, as `briefgen sources --json` reports it, and sidecar overrides."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefgen.annotate.years import decide_years, year_mentions
from briefgen.indexing.corpus import Frequencies
from briefgen.store.sqlite import SqliteStore

from .conftest import Cli, source_by_prefix


def test_metadata_of_the_bundled_sources(seeded: Cli) -> None:
    sources = seeded.json("sources")["sources"]
    s000 = source_by_prefix(sources, "000")
    assert (s000["outlet"], s000["author"], s000["year_reviewed"], s000["year_tasks"]) == (
        "VGP News", "Hải Minh", 2018, 2019)
    # never a date from the related-news timestamps (2025)
    assert s000["published"] is None or (s000["published"] == "2019" and s000["published_certainty"] == "inferred")

    s001 = source_by_prefix(sources, "001")
    assert s001["title"] == "Nâng cao hiệu quả công tác đối ngoại đa phương"
    assert (s001["outlet"], s001["published"], s001["published_certainty"]) == ("TTXVN", "2024-01-25", "inferred")
    assert (s001["year_reviewed"], s001["year_tasks"], s001["year_tasks_certainty"]) == (2023, 2024, "inferred")

    s002 = source_by_prefix(sources, "002")
    assert (s002["published"], s002["published_certainty"], s002["author"]) == ("2025-01-06", "inferred", "Hoài Nhung")
    assert s002["url"] == ("http://www.baoquangtri.vn/tao-buoc-tien-dot-pha-xay-dung-nen-ngoai-giao-viet-nam-"
                           "toan-dien-hien-dai-190924.htm")
    assert (s002["year_reviewed"], s002["year_tasks"]) == (2024, 2025)

    s003 = source_by_prefix(sources, "003")
    assert (s003["author"], s003["outlet"]) == ("Cẩm Anh", "Kinhtedothi")
    assert (s003["published"], s003["published_certainty"]) == ("2020-12-24", "inferred")
    assert (s003["year_reviewed"], s003["year_tasks"]) == (2020, 2021)

    s004 = source_by_prefix(sources, "004")
    assert (s004["year_reviewed"], s004["year_tasks"], s004["years_mentioned"]) == (2018, 2019, [2018, 2019, 2030])
    assert (s004["author"], s004["outlet"], s004["url"], s004["published"]) == (None, None, None, None)


def test_year_mentions_tell_results_tasks_terms_and_targets() -> None:
    mentions = year_mentions("Năm 2018 ta đã bảo hộ công dân; nhiệm vụ năm 2019 là ứng cử nhiệm kỳ 2020-2021, "
                             "Chỉ thị số 25-CT/TW ngày 08/8/2018 đến năm 2030, Nghị định 30/2020/NĐ-CP.")
    assert [(m.year, m.kind, m.task) for m in mentions] == [
        (2018, "year", False), (2019, "year", True), (2020, "range", False), (2021, "range", False),
        (2018, "reference", False), (2030, "target", False)]  # a cited directive's date dates no event
    decision = decide_years(mentions, None, None)
    assert (decision.reviewed, decision.tasks) == (2018, 2019)


def test_page_date_wins_over_a_year_recalled_in_the_body() -> None:
    mentions = year_mentions("Xuất khẩu tăng 65% so với cùng kỳ năm 2019.")
    assert decide_years(mentions, 2020, 9).reviewed == 2020
    assert decide_years(year_mentions("Năm 2021 là năm đầu tiên thực hiện Nghị quyết."), 2022, 1).reviewed == 2021


def test_same_event_articles_date_an_undated_one(empty_project: Path) -> None:
    sources = empty_project / "sources"
    event = ("Người phát ngôn Bộ Ngoại giao Lê Thị Thu Hằng thông tin về việc tàu cá BV 4419 TS với khoảng 20 ngư "
             "dân bị lực lượng Indonesia bắt giữ khi đánh cá ở khu vực phân định thềm lục địa. Bộ Ngoại giao đã "
             "chỉ đạo Đại sứ quán Việt Nam tại Indonesia liên hệ với các cơ quan chức năng để xác minh thông tin.")
    (sources / "a.txt").write_text(f"Ngày 18/3/2021, {event}\n", encoding="utf-8")
    (sources / "b.txt").write_text(f"Chiều nay (25/3), {event}\n", encoding="utf-8")
    (sources / "c.txt").write_text("Giá lúa gạo tăng mạnh trên thị trường quốc tế trong tháng qua theo báo cáo "
                                   "của hiệp hội lương thực, nông dân phấn khởi vì được mùa.\n", encoding="utf-8")
    got = {s["id"]: s for s in Cli(empty_project).json("sources")["sources"]}
    assert (got["a"]["year_reviewed"], got["a"]["year_reviewed_certainty"]) == (2021, "stated")
    assert (got["b"]["year_reviewed"], got["b"]["year_reviewed_certainty"]) == (2021, "inferred")
    assert (got["b"]["published"], got["b"]["published_certainty"]) == ("2021-03-25", "inferred")
    assert got["c"]["year_reviewed"] is None and got["c"]["published"] is None


def test_a_year_settled_from_the_corpus_follows_the_corpus(empty_project: Path) -> None:
    """Removing the article an undated one was dated by (or its becoming unreadable) leaves
    it undated again (and its passages leave that year); bringing it back dates it again. The corpus's word-pair
    frequencies, kept up to date source by source, end where a fresh index starts."""
    sources = empty_project / "sources"
    event = ("Người phát ngôn Bộ Ngoại giao Lê Thị Thu Hằng thông tin về việc tàu cá BV 4419 TS với khoảng 20 ngư "
             "dân bị lực lượng Indonesia bắt giữ khi đánh cá ở khu vực phân định thềm lục địa. Bộ Ngoại giao đã "
             "chỉ đạo Đại sứ quán Việt Nam tại Indonesia liên hệ với các cơ quan chức năng để xác minh thông tin.")
    dated = sources / "a.txt"
    dated.write_text(f"Ngày 18/3/2021, {event}\n", encoding="utf-8")
    (sources / "b.txt").write_text(f"Chiều nay (25/3), {event}\n", encoding="utf-8")
    (sources / "c.txt").write_text("Giá lúa gạo tăng mạnh trên thị trường quốc tế trong tháng qua theo báo cáo "
                                   "của hiệp hội lương thực, nông dân phấn khởi vì được mùa.\n", encoding="utf-8")
    cli = Cli(empty_project)

    def state() -> tuple[object, set[str]]:
        got = {s["id"]: s for s in cli.json("sources")["sources"]}
        hits = cli.json("search", "tau ca Indonesia", "--year", "2021")["hits"]
        return got["b"]["year_reviewed"], {h["source_id"] for h in hits}

    assert state() == (2021, {"a", "b"})
    text = dated.read_text(encoding="utf-8")
    dated.unlink()
    assert state() == (None, set())
    dated.write_text(text, encoding="utf-8")
    assert state() == (2021, {"a", "b"})
    # A source that can no longer be read leaves the corpus as a deleted one does.
    outside = empty_project / "outside.txt"
    outside.write_text(text, encoding="utf-8")
    dated.unlink()
    dated.symlink_to(outside)
    assert state() == (None, set())
    dated.unlink()
    dated.write_text(text, encoding="utf-8")
    assert state() == (2021, {"a", "b"})
    store = SqliteStore(empty_project / ".briefgen" / "index.sqlite")
    kept = Frequencies(store).df.counts
    store.close()
    shutil.rmtree(empty_project / ".briefgen")
    cli.run("ingest")
    fresh = SqliteStore(empty_project / ".briefgen" / "index.sqlite")
    assert Frequencies(fresh).df.counts == kept and any(kept)
    fresh.close()


def test_sidecar_overrides_detected_fields_and_bad_sidecars_warn(cli: Cli) -> None:
    sources = cli.root / "sources"
    (sources / "004_fc39c2e6f63b194d.meta.toml").write_text(
        'outlet = "Bộ Ngoại giao"\npublished = "2019-01-15"\nauthor = "Vụ Tổng hợp"\n', encoding="utf-8")
    (sources / "000_592d6e36579822d6.meta.toml").write_text('year_reviewed = "soon"\n[broken', encoding="utf-8")
    got = {s["id"][:3]: s for s in cli.json("sources")["sources"]}
    assert (got["004"]["outlet"], got["004"]["author"]) == ("Bộ Ngoại giao", "Vụ Tổng hợp")
    assert (got["004"]["published"], got["004"]["published_certainty"]) == ("2019-01-15", "stated")
    assert got["004"]["year_reviewed"] == 2018  # fields the sidecar does not name stay detected
    assert any("000_592d6e36579822d6.meta.toml: sidecar ignored" in w for w in got["000"]["warnings"])
    assert got["000"]["outlet"] == "VGP News"


def test_a_sidecar_date_written_with_one_digit_months_is_stored_as_an_iso_date(cli: Cli) -> None:
    """"2019-5-3" is a date a person writes; it is stored (and reasoned with) as 2019-05-03."""
    sources = cli.root / "sources"
    for sid, published in (("004_fc39c2e6f63b194d", "2019-5-3"), ("003_3ede59f3ea2a7cbc", "2018-1")):
        (sources / f"{sid}.meta.toml").write_text(f'published = "{published}"\n', encoding="utf-8")
    got = {s["id"][:3]: s for s in cli.json("sources")["sources"]}
    assert (got["004"]["published"], got["003"]["published"]) == ("2019-05-03", "2018-01")
    assert not any("published" in w for w in got["004"]["warnings"] + got["003"]["warnings"])


def test_same_event_similarity_is_the_textbook_tf_idf_cosine() -> None:
    """The word-pair weights the corpus step computes from its tables are (1 + log count)
    times log((1 + N) / (1 + df)), normalised: checked against the formula written out."""
    import math

    from briefgen.annotate.resolve import DocumentFrequency, pair_terms, unpack_terms

    texts = ["Bộ Ngoại giao tổ chức hội nghị ngoại giao lần thứ 30 tại Hà Nội, hội nghị hội nghị",
             "Hà Nội tổ chức hội chợ", "Bộ Ngoại giao thông báo"]
    df = DocumentFrequency()
    terms = [pair_terms(t) for t in texts]
    for keys, _ in terms:
        df.add(keys)
    for packed, counts in terms:
        keys, values = unpack_terms(packed, counts)
        direct = {k: (1 + math.log(v)) * math.log(4 / (1 + df.counts[k])) for k, v in zip(keys, values, strict=True)}
        norm = math.sqrt(sum(x * x for x in direct.values()))
        expected = {k: v / norm for k, v in direct.items() if v > 0}
        got = df.vector(packed, counts, len(texts))
        assert got.keys() == expected.keys() and all(math.isclose(got[k], expected[k]) for k in got)
        some = set(list(keys)[:3])
        assert df.vector(packed, counts, len(texts), some) == {k: got[k] for k in some if k in got}
