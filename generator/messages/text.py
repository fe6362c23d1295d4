"""Messages that know their template, so they can be written in any language later.

A diagnostic's message is built where the problem is found, long before the
command knows which language to print in. :func:`msg` keeps the English
template and its arguments next to the English text (a :class:`Message` *is*
that English string, so sorting, comparing and JSON keep working), and
:meth:`Message.render` writes it again in another language from the catalog in
:mod:`generator.messages.catalog`, gettext-style: the English template is the key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Translate = Callable[[str, str], str]
"""(template, language) -> the template in that language (the English one when missing)."""


class Message(str):
    """An English message that remembers its template and arguments."""

    template: str
    """The English template, ``unknown step '{target}'``: the catalog key."""
    args: Mapping[str, object]
    """The values of the template's fields (strings, numbers or other messages)."""

    def __new__(cls, template: str, args: Mapping[str, object]) -> Message:
        """The English text of *template* filled with *args*.

        Without *args* the template is the text itself, braces and all: words
        quoted from elsewhere (the YAML parser's) are never read as fields.
        """
        english = {name: str(value) for name, value in args.items()}
        message = super().__new__(cls, template.format(**english) if args else template)
        message.template = template
        message.args = dict(args)
        return message

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.template, self.args))

    def render(self, language: str, translate: Translate) -> str:
        """The message in *language*, nested messages included."""
        if not self.args:
            return translate(self.template, language)
        values = {
            name: value.render(language, translate) if isinstance(value, Message) else str(value)
            for name, value in self.args.items()
        }
        return translate(self.template, language).format(**values)


def msg(template: str, **args: object) -> Message:
    """A message from an English *template* (``str.format`` fields) and its values."""
    return Message(template, args)


def render(text: str, language: str, translate: Translate) -> str:
    """*text* in *language* when it is a :class:`Message`; a plain string as it is."""
    return text.render(language, translate) if isinstance(text, Message) else text
