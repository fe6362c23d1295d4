"""The files of a new handbook repository, filled in from the templates shipped with the package.

A template is plain text with ``@@name@@`` markers (GitHub Actions and shells
use ``${{ }}`` and ``$NAME``, so neither Jinja nor :class:`string.Template`
syntax would do). Every marker must have a value: a missing one is a bug and
raises :class:`KeyError`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from generator.i18n import LANGUAGES
from generator.spec import FILE_KINDS

PACKAGE_NAME = "process-handbook"
"""The distribution name pip installs the ``handbook`` command by."""

EXAMPLE_DOMAIN = "front-desk"
"""The example domain's id (its folder under ``flows/``)."""

EXAMPLE_FLOW = "visitor-reception"
"""The example flow's id."""

CI_SYSTEMS: tuple[str, ...] = ("github", "gitlab")
"""The CI systems ``init`` writes a pipeline for; the first is the default."""

CI_FILES: Mapping[str, tuple[str, str]] = {
    "github": (".github/workflows/handbook.yml", "github-workflow.yml"),
    "gitlab": (".gitlab-ci.yml", "gitlab-ci.yml"),
}
"""Per CI system: (the file written, the template it is filled in from)."""

CI_NOTES: Mapping[str, str] = {
    "github": "CI (`.github/workflows/handbook.yml`) validates every pull request and publishes"
    " the site to GitHub Pages from `main`.",
    "gitlab": "CI (`.gitlab-ci.yml`) validates every merge request and publishes the site to"
    " GitLab Pages from the default branch.",
}
"""Per CI system: the README's line about it."""

DEFAULT_SITE_URL = "https://handbook.example.com/"
"""The placeholder ``site_url`` (mkdocs.yml says to fill it in)."""

SCHEMA_FOLDER = "schema"
"""Where the JSON Schemas go, beside ``flows/`` (the flow files' first line points there)."""

_MARKER = re.compile(r"@@([a-z_]+)@@")


class InitError(Exception):
    """The repository cannot be created; the message is one line for the user."""


@dataclass(frozen=True)
class ProjectSettings:
    """What a new handbook repository is made with."""

    site_name: str
    """The site's name (``site_name``, the home page's heading)."""
    language: str
    """The handbook language: ``zh`` or ``en`` (also the example flow's language)."""
    site_url: str
    """The published address (``site_url``)."""
    package: str
    """The pip requirement CI installs the ``handbook`` command by."""
    ci: str
    """The CI system: ``github`` or ``gitlab``."""
    today: dt.date
    """The example flow's ``effective`` date (its review is a year on)."""


def installed_requirement() -> str:
    """A pip requirement for the version of this package that is running."""
    try:
        return f"{PACKAGE_NAME}=={version(PACKAGE_NAME)}"
    except PackageNotFoundError:
        return PACKAGE_NAME


def default_site_name(language: str) -> str:
    """The site name when none is given."""
    return "员工流程手册" if language == "zh" else "Staff handbook"


def fill(template: str, values: Mapping[str, str]) -> str:
    """*template* with every ``@@name@@`` replaced by ``values[name]``."""
    return _MARKER.sub(lambda match: values[match.group(1)], template)


def template_text(name: str) -> str:
    """A template shipped in ``generator/init/templates``, by relative name."""
    folder = resources.files("generator.init") / "templates"
    return (folder / name).read_text(encoding="utf-8")


def _packaged_schema(kind: str) -> str:
    """The JSON Schema of one file kind as shipped in ``generator/schema``."""
    return (resources.files("generator") / "schema" / f"{kind}.schema.json").read_text(
        encoding="utf-8"
    )


def _one_year_later(day: dt.date) -> dt.date:
    """The same day next year (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _yaml_text(text: str) -> str:
    """*text* as a double-quoted YAML scalar (a site name may hold ``:`` or ``#``)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def project_files(settings: ProjectSettings) -> dict[str, str]:
    """Every file of the new repository: relative path → text, in a stable order."""
    if settings.language not in LANGUAGES:
        raise InitError(
            f"unknown language '{settings.language}': use one of {', '.join(LANGUAGES)}"
        )
    if settings.ci not in CI_SYSTEMS:
        raise InitError(f"unknown CI system '{settings.ci}': use one of {', '.join(CI_SYSTEMS)}")
    values = {
        "site_name": settings.site_name,
        "language": settings.language,
        "site_url": _yaml_text(settings.site_url),
        "package": settings.package,
        "ci_note": CI_NOTES[settings.ci],
        "today": settings.today.isoformat(),
        "review": _one_year_later(settings.today).isoformat(),
    }
    yaml_values = {**values, "site_name": _yaml_text(settings.site_name)}
    example = f"flows/{EXAMPLE_DOMAIN}"
    language = settings.language
    ci_file, ci_template = CI_FILES[settings.ci]
    files = {
        "README.md": fill(template_text("README.md"), values),
        "mkdocs.yml": fill(template_text("mkdocs.yml"), yaml_values),
        ".gitignore": template_text("gitignore"),
        ".pre-commit-config.yaml": template_text("pre-commit-config.yaml"),
        ci_file: fill(template_text(ci_template), values),
        "handbook/index.md": fill(template_text(f"{language}/index.md"), values),
        f"{example}/domain.yaml": template_text(f"{language}/domain.yaml"),
        f"{example}/roles.yaml": template_text(f"{language}/roles.yaml"),
        f"{example}/{EXAMPLE_FLOW}.yaml": fill(template_text(f"{language}/flow.yaml"), values),
    }
    for kind in FILE_KINDS:
        files[f"{SCHEMA_FOLDER}/{kind}.schema.json"] = _packaged_schema(kind)
    return files


def create_project(target: Path, settings: ProjectSettings) -> list[Path]:
    """Write the new repository into *target*; the paths written, in order.

    Nothing is written when any of the files exists already: :class:`InitError`
    names the first one.
    """
    files = project_files(settings)
    for relative in files:
        path = target / relative
        if path.exists() or path.is_symlink():
            raise InitError(f"refusing to overwrite {path.as_posix()}")
    if target.exists() and not target.is_dir():
        raise InitError(f"{target.as_posix()} is not a folder")
    written: list[Path] = []
    try:
        for relative, text in files.items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as output:
                output.write(text)
            written.append(path)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InitError(f"cannot write into {target.as_posix()}: {reason}") from None
    return written
