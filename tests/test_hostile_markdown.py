"""The sanitiser of author Markdown (``summary``, ``details``) against known XSS vectors.

:func:`generator.sanitize.markdown_html` must turn any text into HTML made only of
the allowed elements, attributes, classes and URL schemes, with no brace left
for a template engine, the same bytes every time; and keep what authors
legitimately write.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.render.escape import markdown_field
from generator.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_CLASSES,
    ALLOWED_TAGS,
    BLOCK_CLASS,
    URL_SCHEMES,
    markdown_block,
    markdown_html,
)

VECTORS = [
    "<script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<img src=x onerror=alert(1)//",
    '<img src="x" srcset="javascript:alert(1)">',
    "<svg/onload=alert(1)>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<input autofocus onfocus=alert(1)>",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>@import 'javascript:alert(1)';</style>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="x" onclick="alert(1)">x</a>',
    '"><script>alert(1)</script>',
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<div markdown="1">*x* <script>alert(1)</script></div>',
    "[x](javascript:alert(1))",
    "[x](  javascript:alert(1)  )",
    "[x](JAVASCRIPT:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x][evil]\n\n[evil]: javascript:alert(1)",
    "para\n{: onclick=alert(1) }",
    "# heading { onclick=alert(1) }",
    "!!! note onclick=alert(1)\n    x",
    "```\n</code></pre><script>alert(1)</script>\n```",
    "`</code><script>alert(1)</script>`",
    "{{ 7*7 }} {% raw %} {# x #}",
    "\x02wzxhzdk:0\x03",
]


class _Inspected(HTMLParser):
    """Every element with its attributes, and the text outside tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))


def assert_only_allowed(html: str) -> None:
    """Only allowed elements, attributes, classes and URL schemes; no braces, no script."""
    assert "{" not in html and "}" not in html
    inspected = _Inspected()
    inspected.feed(html)
    inspected.close()
    for tag, attrs in inspected.elements:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            if name == "class":
                assert set((value or "").split()) <= ALLOWED_CLASSES.get(tag, set()), (tag, value)
            elif name == "rel":
                assert tag == "a" and value == "noopener noreferrer"
            else:
                assert name in ALLOWED_ATTRIBUTES.get(tag, set()), (tag, name)
            if name in {"href", "src"} and value:
                scheme = urlsplit(value.strip()).scheme.lower()
                assert scheme in URL_SCHEMES | {""}, (tag, value)


@pytest.mark.parametrize("vector", VECTORS)
def test_known_vectors_come_out_inert(vector: str) -> None:
    html = markdown_html(vector)
    assert_only_allowed(html)
    assert "alert(1)</script>" not in html
    lowered = html.lower()
    for word in ("javascript:", "vbscript:", "data:text", "onerror", "onload", "onclick"):
        assert f'="{word}' not in lowered and f"={word}" not in lowered


HOSTILE_PIECES = st.sampled_from(
    [*VECTORS, "*", "_", "`", "[", "]", "(", ")", "<", ">", "&", '"', "'", "\n", "\n\n",
     "    ", "- ", "1. ", "> ", "| a |", "|---|", "!!! ", "{: ", " }", "中文"]
)  # fmt: skip


@given(pieces=st.lists(st.one_of(HOSTILE_PIECES, st.text(max_size=6)), max_size=12))
def test_any_text_comes_out_inert_and_the_same_each_time(pieces: list[str]) -> None:
    text = "".join(pieces)
    html = markdown_html(text)
    assert_only_allowed(html)
    markdown_html.cache_clear()
    assert markdown_html(text) == html


def test_what_authors_write_survives() -> None:
    html = markdown_html(
        '**粗** *斜* `代码` [链接](https://example.com/a?b=1&c=2 "标题") '
        "[邮件](mailto:a@example.com) [相对](../guide/)\n\n"
        "- 一\n- 二\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n> 引用\n\n```\nx < y\n```"
    )
    for fragment in [
        "<strong>粗</strong>",
        "<em>斜</em>",
        "<code>代码</code>",
        '<a href="https://example.com/a?b=1&amp;c=2" title="标题" rel="noopener noreferrer">'
        "链接</a>",
        '<a href="mailto:a@example.com" rel="noopener noreferrer">邮件</a>',
        '<a href="../guide/" rel="noopener noreferrer">相对</a>',
        "<li>一</li>",
        '<th align="left">a</th>',
        '<td align="right">2</td>',
        "<blockquote>",
        "<pre><code>x &lt; y\n</code></pre>",
    ]:
        assert fragment in html, fragment


def test_the_page_gets_one_raw_html_block() -> None:
    block = str(markdown_field("第一段\n\n第二段 <script>alert(1)</script>"))
    assert block == f'<div class="{BLOCK_CLASS}">\n<p>第一段</p>\n<p>第二段 </p>\n</div>'
    assert markdown_block("   ") == ""
    assert str(markdown_field(None)) == ""
