"""The words jieba keeps whole in the search index: the handbook's role names.

jieba cuts 大堂经理 into 大堂 / 经理, and the site search (which splits a query
into words it finds in the index) then looks for 大堂 and 经 as well: every
page about any 经理 matches, and role pages whose title holds 经理 outrank the
flows 大堂经理 works in. Written as a jieba user dictionary, each role name is
one word wherever it appears, so a search for a role finds that role first.

The dictionary is a file the generator writes into the docs folder (hidden
from MkDocs by its leading dot); mkdocs.yml names it as the search plugin's
``jieba_dict_user``, so plain ``mkdocs build`` segments the same way, and
:func:`use_search_words` points the plugin at it wherever the build runs from.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.model import Handbook
from generator.site.writer import write_changed

WORDS_FILE = ".generated-search-words.txt"
"""The user dictionary's file name, in the docs folder."""

WORD_FREQUENCY = 100000
"""The frequency given to each word: far above the words it would otherwise be cut into."""

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


def search_words(handbook: Handbook) -> list[str]:
    """The Chinese runs (two characters or more) of every role name, sorted, once each.

    Material segments only runs of Han characters, so 业务员（家装顾问） gives
    业务员 and 家装顾问, and IT服务经理 gives 服务经理.
    """
    return sorted({run for role in handbook.roles for run in _HAN_RUN.findall(role.name)})


def dictionary_text(words: list[str]) -> str:
    """The user dictionary in jieba's format: ``word frequency`` per line."""
    return "".join(f"{word} {WORD_FREQUENCY}\n" for word in words)


def write_search_words(docs_dir: Path, handbook: Handbook) -> bool:
    """Write the user dictionary of *handbook* into *docs_dir* if it changed; whether it did."""
    target = docs_dir / WORDS_FILE
    return write_changed(target, dictionary_text(search_words(handbook)).encode("utf-8"))


def search_plugin(config: Any) -> Any | None:
    """The Material search plugin of a loaded MkDocs configuration, if it is enabled."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin.config, "jieba_dict_user"):
            return plugin
    return None


def use_search_words(config: Any, docs_dir: Path) -> None:
    """Point the search plugin at the docs folder's user dictionary by absolute path.

    Material opens ``jieba_dict_user`` relative to the working directory; the
    build may run from anywhere. Without a dictionary file the option is left
    as mkdocs.yml has it.
    """
    plugin = search_plugin(config)
    words = docs_dir / WORDS_FILE
    if plugin is not None and words.is_file():
        plugin.config.jieba_dict_user = str(words.resolve())
