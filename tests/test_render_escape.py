"""Plain text from YAML must come out of Markdown + HTML exactly as written."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
from hypothesis import given
from hypothesis import strategies as st

from generator.render.escape import css_string, front_matter_string, inline_code, label, text

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.tasklist"]
HOSTILE = [
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    '"]; x [',
    "*strong* _em_ `code` [link](http://example.com) ![img](x.png)",
    "# heading",
    "1. list",
    "- item",
    "+ item",
    "> quote",
    "| a | b |",
    "a\\*b",
    "&amp; &lt; &#42;",
    "{: #id .class }",
    ":smile: ==mark== ~~del~~ ^sup^ $x$",
    "<!-- comment -->",
    "</title><script>alert(2)</script>",
    "{% raw %}{{ x }}{% endraw %}",
    "行一\n行二",
]


class _TextOf(HTMLParser):
    """The visible text of an HTML fragment (line breaks from <br> as newlines)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")


def visible(fragment: str) -> str:
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


def render(source: str) -> str:
    return str(markdown.markdown(source, extensions=EXTENSIONS))


def normalised(value: str) -> str:
    lines = [" ".join(line.split()) for line in value.split("\n")]
    return "\n".join(line for line in lines if line)


def between_markers(output: str) -> str:
    shown = visible(output)
    return shown[shown.index("⟦") + 1 : shown.index("⟧")]


def test_hostile_text_shows_literally_in_a_paragraph_a_list_a_table_and_a_heading() -> None:
    for value in HOSTILE:
        escaped = f"⟦{text(value)}⟧"
        contexts = {
            "paragraph": f"**Label**：{escaped}\n",
            "list": f"- {escaped}\n",
            "task": f"- [ ] {escaped}\n",
            "table": f"| a | b |\n| --- | --- |\n| {escaped} | x |\n",
            "heading": f"### 1. {escaped} {{ #step-x }}\n",
            "html block": f'<div class="x">\n<p>{escaped}</p>\n</div>\n',
            "admonition": f'!!! warning "t"\n\n    {escaped}\n',
        }
        for context, source in contexts.items():
            output = render(source)
            assert "<script" not in output, (context, value)
            shown = between_markers(output)
            assert normalised(shown) == normalised(value), (context, value, output)


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40))
def test_any_text_round_trips_through_markdown(value: str) -> None:
    output = render(f"- ⟦{text(value)}⟧\n")
    not_xml = "[^\t\n\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    lines_normalised = value.replace("\r\n", "\n").replace("\r", "\n")
    expected = normalised(re.sub(not_xml, "\ufffd", lines_normalised))
    if not expected:
        return
    assert normalised(between_markers(output)) == expected
    assert "<script" not in output.lower()


def test_text_keeps_no_markdown_or_html_special_character() -> None:
    escaped = str(text("<>&\"'*_`[]{}|\\#!~^$=:"))
    assert re.fullmatch(r"(&[#a-z0-9]+;)+", escaped)


def test_leading_list_markers_are_neutralised_but_versions_are_not() -> None:
    assert str(text("1. a")) == "1&#46; a"
    assert str(text("- a")) == "&#45; a"
    assert str(text("1.0")) == "1.0"
    assert str(text("2026-01-01")) == "2026-01-01"


def test_front_matter_title_is_a_yaml_string_of_escaped_text() -> None:
    import yaml

    value = 'A "q" </title><script>'
    parsed = yaml.safe_load(f"title: {front_matter_string(value)}")["title"]
    assert "<" not in parsed
    assert html.unescape(parsed) == value


def test_css_string_cannot_close_the_style_element_or_the_string() -> None:
    value = css_string('a"b</style><script>\\')
    assert "<" not in value and value.count('"') == 2


def test_inline_code_keeps_code_spans_and_escapes_the_rest() -> None:
    assert str(inline_code("Use `kind: decision` <now>")) == (
        "Use <code>kind&#58; decision</code> &lt;now&gt;"
    )
    assert str(inline_code("odd ` tick")) == "odd &#96; tick"


def test_labels_keep_spacing_and_format_placeholders() -> None:
    assert str(label(", ")) == ", "
    assert str(label("version {version}").format(version=text("<1>"))) == "version &lt;1&gt;"
