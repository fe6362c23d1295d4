"""Diagnostics and command-line messages in one language: the one place that picks the words."""

from __future__ import annotations

import dataclasses

from generator.diagnostics import CODES, Code, Diagnostic
from generator.messages.catalog import translate
from generator.messages.codes import ZH
from generator.messages.text import msg, render


def code_title(code: str, language: str) -> str:
    """The short name of *code*'s problem in *language*."""
    if language == "zh" and code in ZH:
        return ZH[code].title
    return CODES[code].title


def code_hint(code: str, language: str) -> str:
    """What to do about *code*, in *language*."""
    if language == "zh" and code in ZH:
        return ZH[code].hint
    return CODES[code].hint


def message_only(diagnostic: Diagnostic, language: str) -> str:
    """The diagnostic's message in *language*, without its suggestion."""
    return render(diagnostic.message, language, translate)


def diagnostic_message(diagnostic: Diagnostic, language: str) -> str:
    """The diagnostic's message in *language*, with its suggestion ("did you mean")."""
    text = message_only(diagnostic, language)
    if diagnostic.suggestion:
        suggestion = msg(" (did you mean '{suggestion}'?)", suggestion=diagnostic.suggestion)
        text += suggestion.render(language, translate)
    return text


def localized(text: object, language: str) -> str:
    """*text* in *language* when it is a message made with ``msg``; else as it is."""
    return render(text, language, translate) if isinstance(text, str) else str(text)


def say(template: str, language: str, **args: object) -> str:
    """A command-line message: *template* (English, ``str.format`` fields) in *language*."""
    return msg(template, **args).render(language, translate)


def severity_word(diagnostic: Diagnostic, language: str) -> str:
    """``error`` or ``warning``; in Chinese 错误 or 警告."""
    return say(diagnostic.severity.value, language)


def localized_codes(language: str) -> list[Code]:
    """Every registry entry, sorted by code, with its title and hint in *language*."""
    return [
        dataclasses.replace(
            CODES[code], title=code_title(code, language), hint=code_hint(code, language)
        )
        for code in sorted(CODES)
    ]
