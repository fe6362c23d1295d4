"""The PDF decks of the bundled handbook (built once per session, see printed_site.py).

What a reader of the PDFs relies on: every deck is there and opens; the text is
text (extracted with pypdf, which does not paper over wrong character maps), so
every flow title and checklist line can be found and copied; every page carries
the running header, the footer and "第 N 页 / 共 M 页"; a typical card fits on
two pages with its diagram and its sign-off block; draft and retired cards are
watermarked on each of their pages and on no other; and the same sources give
byte-identical PDFs.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest
from printed_site import PRINT_FIXTURE, REPOSITORY, TODAY, PrintedSite
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from generator.build import build_site
from generator.check import check_flows
from generator.diagrams import diagram_text, flow_sources, render_svgs
from generator.errors import HandbookError
from generator.i18n import labels
from generator.loader import load_handbook
from generator.model import Flow, Handbook, Status
from generator.options import Options
from generator.printing.chromium import RESOURCES_URL, PrintJob, print_documents
from generator.printing.fonts import FAMILY, font_face_css, font_faces, font_file
from generator.printing.pdffile import pdf_date
from generator.printing.stage import write_print_decks
from generator.publish import publish
from generator.render.pages import PageSettings
from generator.render.paths import HANDBOOK_DECK, domain_deck, flow_deck, role_deck
from generator.site.config import read_site_config
from generator.site.epoch import source_date_epoch

A4 = (595.0, 842.0)
"""A4 in PDF points, rounded."""

TYPICAL_FLOW = "port/berthing"
"""A typical bundled flow (nine steps, a sub-flow call, checklists and control points)."""

WORDS = labels("zh")


@functools.cache
def _reader(path: Path) -> PdfReader:
    return PdfReader(io.BytesIO(path.read_bytes()))


@functools.cache
def page_texts(path: Path) -> tuple[str, ...]:
    """The text of every page, as pypdf extracts it (no Unicode normalisation)."""
    return tuple(page.extract_text() for page in _reader(path).pages)


def compact(text: str) -> str:
    """Text without the spaces and line breaks extraction puts between characters."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def everything(printed_site: PrintedSite) -> Handbook:
    """Every flow of the printed project, retired ones included."""
    loaded, diagnostics = load_handbook(printed_site.project / "flows")
    assert loaded is not None, diagnostics
    return loaded


@pytest.fixture(scope="module")
def handbook(everything: Handbook) -> Handbook:
    """The flows the session's build published (it was built with drafts): no retired flow."""
    return publish(everything, drafts=True).handbook


def card_pages(deck: Path, flow: Flow) -> list[int]:
    """The 0-based pages of *deck* that belong to *flow*'s card (its footer names the flow)."""
    footer = compact(f"{flow.key} · {WORDS['version']} {flow.version}")
    return [number for number, text in enumerate(page_texts(deck)) if footer in compact(text)]


def test_every_deck_is_written(printed_site: PrintedSite, handbook: Handbook) -> None:
    expected = {HANDBOOK_DECK}
    expected |= {
        domain_deck(domain.id) for domain in handbook.domains if handbook.flows_of(domain.id)
    }
    expected |= {role_deck(role.key) for role in handbook.roles}
    written = {
        path.relative_to(printed_site.site).as_posix()
        for path in printed_site.print_dir.rglob("*")
        if path.is_file()
    }
    assert written == expected
    flow_cards = {flow_deck(flow.key) for flow in handbook.flows}  # next to each flow page
    assert all((printed_site.site / card).is_file() for card in flow_cards)
    assert "pdf" in printed_site.timings


def test_decks_open_as_a4_with_the_build_date(
    printed_site: PrintedSite, handbook: Handbook
) -> None:
    date = pdf_date(source_date_epoch(handbook))
    for path in sorted(printed_site.print_dir.rglob("*.pdf")):
        reader = _reader(path)
        assert len(reader.pages) >= 1, path
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4, path
        metadata = reader.metadata
        assert metadata is not None and metadata.title, path
        assert str(metadata["/CreationDate"]) == date == str(metadata["/ModDate"]), path
        identifier = reader.trailer["/ID"]
        assert isinstance(identifier, ArrayObject), path
        assert len(identifier) == 2 and identifier[0] == identifier[1], path


def test_domain_decks_hold_every_card_as_text(
    printed_site: PrintedSite, handbook: Handbook
) -> None:
    for domain in handbook.domains:
        deck = printed_site.site / domain_deck(domain.id)
        if not handbook.flows_of(domain.id):
            continue
        text = compact("".join(page_texts(deck)))
        for flow in handbook.flows_of(domain.id):
            assert compact(flow.title) in text, (deck.name, flow.title)
            for step in flow.steps:
                for line in step.checklist[:1]:
                    assert compact(line) in text, (deck.name, line)
                if step.control:
                    assert compact(step.control) in text, (deck.name, step.control)


def test_cjk_text_is_ideographs_not_radical_lookalikes(printed_site: PrintedSite) -> None:
    # Noto CJK draws 口 and ⼝ (U+2F1D), 页 and ⻚ (U+2EDA) with one glyph each.
    text = "".join(page_texts(printed_site.site / HANDBOOK_DECK))
    assert "集装箱进口" in compact(text) and "第1页" in compact(text)
    radicals = sorted({character for character in text if "\u2e80" <= character <= "\u2fdf"})
    assert not radicals, radicals


def test_handbook_deck_joins_the_domain_decks(
    printed_site: PrintedSite, handbook: Handbook
) -> None:
    whole = printed_site.site / HANDBOOK_DECK
    domains = [domain for domain in handbook.domains if handbook.flows_of(domain.id)]
    parts = [printed_site.site / domain_deck(domain.id) for domain in domains]
    assert len(page_texts(whole)) == sum(len(page_texts(part)) for part in parts)
    assert list(page_texts(whole)) == [text for part in parts for text in page_texts(part)]
    bookmarks = [item.title for item in _reader(whole).outline if not isinstance(item, list)]
    assert bookmarks == [domain.title for domain in domains]
    text = compact("".join(page_texts(whole)))
    assert all(compact(flow.title) in text for flow in handbook.flows)


def test_every_page_is_numbered(printed_site: PrintedSite) -> None:
    decks = sorted(printed_site.print_dir.rglob("*.pdf"))
    decks.remove(printed_site.site / HANDBOOK_DECK)  # domain decks, one after the other
    for deck in decks:
        texts = page_texts(deck)
        for number, text in enumerate(texts, start=1):
            assert f"第{number}页/共{len(texts)}页" in compact(text), (deck.name, number)


def test_running_header_and_footer_name_the_card(
    printed_site: PrintedSite, handbook: Handbook
) -> None:
    flow = handbook.flow(TYPICAL_FLOW, "")
    assert flow is not None
    domain = handbook.domain(flow.domain)
    owner = handbook.role(flow.owner, flow.domain)
    assert domain is not None and owner is not None
    deck = printed_site.site / domain_deck(flow.domain)
    pages = card_pages(deck, flow)
    assert pages
    for number in pages:
        text = compact(page_texts(deck)[number])
        assert compact(domain.title) in text
        assert compact(f"{flow.title} · {WORDS['sop_title']}") in text
        assert compact(f"{WORDS['effective']} {flow.effective.isoformat()}") in text
        assert compact(f"{WORDS['review']} {flow.review.isoformat()}") in text
        assert compact(f"{WORDS['flow_owner']} {owner.name}") in text


def test_a_typical_card_fits_on_two_pages_with_diagram_and_signoff(
    printed_site: PrintedSite, handbook: Handbook
) -> None:
    lengths = {}
    for flow in handbook.flows:
        deck = printed_site.site / domain_deck(flow.domain)
        pages = card_pages(deck, flow)
        assert pages == list(range(pages[0], pages[0] + len(pages))), flow.key
        lengths[flow.key] = len(pages)
        first, last = page_texts(deck)[pages[0]], page_texts(deck)[pages[-1]]
        assert WORDS["diagram.start"] in first, flow.key  # the swimlane diagram, as text
        for word in (WORDS["signoff"], WORDS["performed_by"], WORDS["checked_by"]):
            assert word in last, (flow.key, word)
    assert lengths[TYPICAL_FLOW] <= 2, lengths
    assert statistics.median(lengths.values()) <= 2, lengths


def test_diagrams_are_vector_graphics(printed_site: PrintedSite) -> None:
    reader = _reader(printed_site.site / domain_deck("port"))
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        xobjects = resources.get("/XObject", DictionaryObject()).get_object()
        images = [
            name
            for name, xobject in xobjects.items()
            if xobject.get_object().get("/Subtype") == "/Image"
        ]
        assert not images, "a diagram was rasterised"


def test_draft_cards_are_watermarked_on_each_of_their_pages_and_retired_not_printed(
    printed_site: PrintedSite, everything: Handbook
) -> None:
    marked = [flow for flow in everything.flows if flow.status is not Status.APPROVED]
    assert {flow.status for flow in marked} == {Status.DRAFT, Status.RETIRED}
    for flow in marked:
        deck = printed_site.site / domain_deck(flow.domain)
        if flow.status is Status.RETIRED:  # archived: no card is printed any more
            assert flow.title not in compact("".join(page_texts(deck)))
            continue
        word = WORDS["status.draft"]
        pages = card_pages(deck, flow)
        assert len(pages) >= 2, "the fixture's draft card runs over two pages"
        for number in pages:
            text = compact(page_texts(deck)[number])
            assert word in text, (flow.key, number)
            assert WORDS["status.retired"] not in text, (flow.key, number)
    approved = compact("".join(page_texts(printed_site.site / domain_deck("port"))))
    assert WORDS["status.draft"] not in approved and WORDS["status.retired"] not in approved


def test_role_card_lists_duties_and_every_step_the_role_holds(
    printed_site: PrintedSite, handbook: Handbook
) -> None:
    role = handbook.role("port/dispatcher", "")
    assert role is not None
    deck = printed_site.site / role_deck(role.key)
    texts = page_texts(deck)
    text = compact("".join(texts))
    assert compact(role.name) in text and compact(WORDS["role_card"]) in text
    for duty in role.duties:
        assert compact(duty) in text, duty
    held = 0
    for flow in handbook.flows:
        for step in flow.steps:
            keys = {
                handbook.qualify(ref, flow.domain)
                for ref in (step.role, step.accountable_role, *step.consulted, *step.informed)
                if ref
            }
            if role.key in keys:
                held += 1
                assert compact(step.name) in text, (flow.key, step.id)
                for line in step.checklist:
                    assert compact(line) in text, (flow.key, step.id, line)
    assert held > 0
    for number, page_text in enumerate(texts, start=1):
        page_text = compact(page_text)
        assert compact(f"{role.key} · {WORDS['handbook_date']}") in page_text
        assert compact(f"{role.name} · {WORDS['role_card']}") in page_text
        assert f"第{number}页/共{len(texts)}页" in page_text
    assert WORDS["performed_by"] in texts[-1] and WORDS["checked_by"] in texts[-1]


def _reprint(printed_site: PrintedSite, target: Path, cache: Path) -> None:
    """Print the decks of the built project again (same sources, same epoch)."""
    config = read_site_config(printed_site.project / "mkdocs.yml")
    result = check_flows(printed_site.project / "flows", today=TODAY)
    handbook = publish(result.handbook, drafts=True).handbook  # as the session built it
    text = diagram_text(config.language)
    run = render_svgs(
        flow_sources(handbook.flows, handbook, text=text),
        cache_dir=printed_site.project / ".handbook-cache" / "diagrams",
    )
    settings = PageSettings(
        today=TODAY,
        language=config.language,
        site_url=config.site_url,
        use_directory_urls=config.use_directory_urls,
    )
    write_print_decks(
        handbook,
        diagrams=run.svgs,
        settings=settings,
        site_dir=target,
        epoch=source_date_epoch(result.handbook),
        cache_dir=cache,
    )


def _files(folder: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(folder.rglob("*.pdf")):
        yield path.relative_to(folder).as_posix(), path.read_bytes()


def test_same_sources_give_byte_identical_pdfs(printed_site: PrintedSite, tmp_path: Path) -> None:
    # A second print with an empty cache: the font is cut again, every PDF comes out the same.
    _reprint(printed_site, tmp_path / "site", tmp_path / "cache")
    again = dict(_files(tmp_path / "site" / "print"))
    first = dict(_files(printed_site.print_dir))
    assert sorted(again) == sorted(first)
    different = [name for name in first if first[name] != again[name]]
    assert not different, different


def test_a_failed_pdf_stage_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPOSITORY / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(PRINT_FIXTURE, project / "flows")
    (project / "handbook").mkdir()
    (project / "handbook" / "index.md").write_text("# 手册\n", encoding="utf-8")
    build_site(Options(project, today=TODAY, pdf=False))
    before = {
        path.relative_to(project / "site").as_posix(): path.read_bytes()
        for path in sorted((project / "site").rglob("*"))
        if path.is_file()
    }
    monkeypatch.setenv("HANDBOOK_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(HandbookError, match=r"^no Chromium at HANDBOOK_CHROMIUM=") as raised:
        build_site(Options(project, today=TODAY))
    assert raised.value.stage == "pdf"
    after = {
        path.relative_to(project / "site").as_posix(): path.read_bytes()
        for path in sorted((project / "site").rglob("*"))
        if path.is_file()
    }
    assert after == before
    leftovers = sorted(path.name for path in project.iterdir() if path.name.startswith("."))
    assert leftovers == [".handbook-cache"], leftovers


def test_chromium_prints_with_the_cut_font_it_is_served() -> None:
    # The cut-down font is served once per tab, from a mapping the job generator fills
    # before its first job (as the PDF stage does); text set in it has no radicals.
    faces = font_faces(["集装箱进口 第页共"], cache_dir=None)
    assert [face.weight for face in faces] == [400, 700]
    document = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        f"{font_face_css(faces, RESOURCES_URL)} body {{ font-family: '{FAMILY}'; }}"
        "</style></head><body><p>集装箱进口</p><p><b>第1页 / 共1页</b></p></body></html>"
    )
    served = {font_file(face): (face.data, "font/otf") for face in faces}
    asked: list[str] = []

    class Recording(dict[str, tuple[bytes, str]]):
        def __contains__(self, name: object) -> bool:
            asked.append(str(name))
            return super().__contains__(name)

    resources = Recording()

    def jobs() -> Iterator[PrintJob]:
        resources.update(served)
        yield PrintJob("one", document)

    printed: list[bytes] = []
    print_documents(jobs(), lambda _job, pdf: printed.append(pdf), tabs=1, resources=resources)
    assert sorted(set(asked)) == sorted(served)
    reader = PdfReader(io.BytesIO(printed[0]))
    maps = b"".join(
        font.get_object()["/ToUnicode"].get_object().get_data()
        for font in reader.pages[0]["/Resources"]["/Font"].values()  # type: ignore[index]
    )
    assert b"<53E3>" in maps and b"<2F1D>" not in maps  # 口, not the radical ⼝
