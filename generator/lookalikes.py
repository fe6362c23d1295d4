"""Why an id is invalid, when "did you mean" would mislead: lookalike letters and ``/``.

An id with a Cyrillic ``а`` looks exactly like ``approve``; turning every
non-ASCII character into ``-`` would suggest ``pprove``. A ``next`` that names a
step of another flow (``clinic/payment``) is not a typo of ``clinic-payment``.
:func:`id_problem` names the actual character (with its code point) or the rule
broken, and suggests a fix only when it is certainly the one meant.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from generator.messages.text import Message, msg
from generator.spec import ID_RE, ID_RULE, REFERENCE_RE
from generator.yamladvice import character_name

_LOOKALIKES = str.maketrans(
    {
        # Cyrillic letters drawn like Latin ones
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
        "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
        "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w",
        # Greek
        "α": "a", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
        # dashes that are not the ASCII hyphen-minus
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
    }
)  # fmt: skip
"""Characters that render like an ASCII letter or ``-`` (besides NFKC's full-width forms)."""


@dataclass(frozen=True)
class IdProblem:
    """What is wrong with an id, said plainly, and the certain fix if there is one."""

    reason: Message
    """The rule broken, naming the offending character."""
    suggestion: str | None
    """The id meant, when only lookalike characters were wrong."""


def _ascii_lookalike(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_LOOKALIKES).lower()


def id_problem(text: str, key: str | None) -> IdProblem | None:
    """Explain an invalid id (or ``domain/id`` reference when *key* is None), if it is special.

    ``None`` means nothing special: the caller gives the general rule.
    """
    foreign = next((character for character in text if ord(character) > 0x7F), None)
    if foreign is not None:
        fixed = _ascii_lookalike(text)
        pattern = REFERENCE_RE if key is None else ID_RE
        if pattern.match(fixed):
            reason = msg(
                "'{character}' is {name}, not an ASCII letter; ids are written in ASCII",
                character=foreign,
                name=character_name(foreign),
            )
            return IdProblem(reason, fixed)
        if key is None:
            return None  # the general rule for references; they get no made-up suggestion
        return IdProblem(msg(ID_RULE), None)  # no "did you mean" made by dropping letters
    if key == "next" and "/" in text:
        reason = msg(
            "'next' names a step of this flow, so it has no '/'; to continue in another "
            "flow, add a step with 'kind: subflow' and 'flow: {text}'",
            text=text,
        )
        return IdProblem(reason, None)
    if key is not None and "/" in text:
        return IdProblem(msg("an id has no '/'; use lowercase ASCII letters, digits and '-'"), None)
    return None
