"""Shared test set-up: hypothesis profiles and helpers for writing flows trees."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# `ci` (default) keeps the suite fast; `long` is for maintainers hunting rare bugs:
#   HYPOTHESIS_PROFILE=long pytest tests/test_fuzz_loader.py tests/test_fuzz_pipeline.py
settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The command speaks the handbook's language (Chinese in this repository); tests compare
# its English texts unless they choose a language themselves (--lang, or delenv).
os.environ["HANDBOOK_LANG"] = "en"

# The bundled handbook built once per session with its PDF decks, served over HTTP,
# and a Chromium to look at it: tests/test_pdf_*.py and tests/browser/.
pytest_plugins = ("printed_site",)
