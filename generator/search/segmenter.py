"""A stand-in for the ``jieba`` module in Material's search plugin: same words, less work.

The plugin calls ``jieba.cut`` on every run of Chinese characters of every
section, and ``jieba.load_userdict`` / ``jieba.set_dictionary`` once in
``on_config``. :class:`Segmenter` answers those calls with a tokenizer of its
own (so the user dictionary of one build never leaks into the next build of
the same process, as it would into jieba's global tokenizer), remembers each
run's words, and loads jieba's dictionary (about 1.3 s) only when a run
actually has to be cut: a build whose pages were all indexed before never
loads it.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any


@functools.cache
def _base_tokenizer(dictionary: str | None) -> Any:
    """jieba's tokenizer of *dictionary* (its default when ``None``), loaded once per process."""
    import jieba

    tokenizer = jieba.Tokenizer() if dictionary is None else jieba.Tokenizer(dictionary)
    tokenizer.initialize()
    return tokenizer


class Segmenter:
    """The parts of ``jieba`` Material uses: ``cut``, ``load_userdict``, ``set_dictionary``.

    ``cut`` gives the words jieba's global tokenizer would give after the same
    ``set_dictionary`` and ``load_userdict`` calls in a fresh process.
    """

    def __init__(self) -> None:
        self._dictionary: str | None = None
        self._user_lines: list[str] = []
        self._tokenizer: Any = None
        self._memo: dict[tuple[str, bool, bool], list[str]] = {}

    def set_dictionary(self, dictionary_path: str) -> None:
        """Use another main dictionary (mkdocs.yml ``jieba_dict``)."""
        self._dictionary = str(Path(dictionary_path).resolve())
        self._reset()

    def load_userdict(self, f: str) -> None:
        """Add the words of a user dictionary file (mkdocs.yml ``jieba_dict_user``)."""
        with open(f, "rb") as source:
            for raw in source:
                line = raw.strip().decode("utf-8").lstrip("\ufeff")
                if line:
                    self._user_lines.append(line)
        self._reset()

    def _reset(self) -> None:
        self._tokenizer = None
        self._memo.clear()

    @property
    def key(self) -> str:
        """A hash of everything the words depend on: jieba's version and the dictionaries."""
        import jieba

        digest = hashlib.sha256()
        for part in (jieba.__version__, self._dictionary or "", *self._user_lines):
            digest.update(part.encode("utf-8") + b"\n")
        return digest.hexdigest()

    @property
    def loaded(self) -> bool:
        """Whether jieba's dictionary was needed (some text was not cut before)."""
        return self._tokenizer is not None

    def cut(self, sentence: str | bytes, cut_all: bool = False, HMM: bool = True) -> Iterator[str]:  # noqa: N803 (jieba's name)
        """The words of *sentence*, as ``jieba.cut`` gives them."""
        text = sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence
        memo_key = (text, cut_all, HMM)
        words = self._memo.get(memo_key)
        if words is None:
            words = list(self._tokenizer_now().cut(text, cut_all=cut_all, HMM=HMM))
            self._memo[memo_key] = words
        return iter(words)

    def _tokenizer_now(self) -> Any:
        if self._tokenizer is None:
            import jieba

            base = _base_tokenizer(self._dictionary)
            tokenizer = jieba.Tokenizer(base.dictionary)
            tokenizer.FREQ = dict(base.FREQ)
            tokenizer.total = base.total
            tokenizer.initialized = True
            for line in self._user_lines:
                match = jieba.re_userdict.match(line)
                if match is None:  # pragma: no cover - the pattern matches any non-empty line
                    continue
                word, frequency, tag = match.groups()
                tokenizer.add_word(
                    word,
                    frequency.strip() if frequency is not None else None,
                    tag.strip() if tag is not None else None,
                )
            self._tokenizer = tokenizer
        return self._tokenizer
