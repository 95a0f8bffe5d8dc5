"""``--help`` wholly in the chosen language (``--lang`` or ``NETMAP_LANG``).

Every command's help is rendered in a fresh process per language, as
``netmap`` builds it at start-up (the language is read from the arguments
before the commands are declared); a few are run as real commands too.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

#: Renders the help of every command, as {command path: help text}.
RENDER_ALL = """
import json, sys
import click
from netmap.cli import build
from netmap.cli.language import cli_lang

def walk(command, ctx, path, out):
    out[path] = command.get_help(ctx)
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            walk(sub, click.Context(sub, info_name=name, parent=ctx), f"{path} {name}", out)

group = build(cli_lang())
out = {}
walk(group, click.Context(group, info_name="netmap"), "netmap", out)
print(json.dumps(out))
"""

#: English words that must not be in the Danish help (beyond command and option names).
ENGLISH = re.compile(
    r"\b(Usage|Options|Commands|Show|message|exit|default|required|TEXT|INTEGER|PATH|FILE"
    r"|FILENAME|OPTIONS|COMMAND|ARGS|MAP|the|and|of|to|with|from|Address|Language"
    r"|database|file|map|maps)\b"
)
DANISH_LETTERS = re.compile(r"[æøåÆØÅ]")


def _render(lang: str) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", RENDER_ALL, "--lang", lang],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**os.environ, "NETMAP_LANG": ""},
    )
    assert done.returncode == 0, done.stderr
    helps: dict[str, str] = json.loads(done.stdout)
    return helps


@pytest.fixture(scope="module")
def helps() -> dict[str, dict[str, str]]:
    return {lang: _render(lang) for lang in ("da", "en")}


def _words(text: str) -> str:
    # Option names (--include-cpr), choices ([json|graphml]) and command names are
    # names, not words of a language.
    text = re.sub(r"(?<!\w)--?[\w-]+", " ", text)
    text = re.sub(r"\[[\w|]+\]", " ", text)
    return re.sub(r"\b[a-z]+_[a-z_]+\b", " ", text)


def test_clihlp001_every_command_has_help_in_both_languages(
    helps: dict[str, dict[str, str]],
) -> None:
    da, en = helps["da"], helps["en"]
    assert da.keys() == en.keys()
    assert {"netmap", "netmap analyse", "netmap list", "netmap serve"} <= da.keys()
    for path in da:
        names = set(path.split())
        danish = " ".join(w for w in _words(da[path]).split() if w not in names)
        found = ENGLISH.findall(danish)
        assert not found, f"{path}: English in the Danish help: {found}\n{da[path]}"
        assert not DANISH_LETTERS.search(_words(en[path])), f"{path}:\n{en[path]}"


def _option_help(text: str) -> dict[str, str]:
    """Each option's first line of help, by option name."""
    found = {}
    for line in text.splitlines():
        match = re.match(r"\s+((?:-\w, )?--[\w-]+)(?: \S+)?\s{2,}(.+)", line)
        if match:
            found[match[1]] = match[2]
    return found


def test_clihlp002_every_help_text_is_translated(helps: dict[str, dict[str, str]]) -> None:
    # A help text the same in both languages was not taken from the catalogue:
    # give it a key (help=help_text(...) or cli.help.<command>.<option>).
    for path, danish in helps["da"].items():
        english = helps["en"][path]
        assert danish != english, path
        da_options, en_options = _option_help(danish), _option_help(english)
        assert da_options.keys() == en_options.keys(), path
        for option, text in da_options.items():
            assert text != en_options[option], f"{path} {option}: {text}"


def _netmap(*args: str, env_lang: str | None = None) -> str:
    env = {**os.environ}
    env.pop("NETMAP_LANG", None)
    if env_lang is not None:
        env["NETMAP_LANG"] = env_lang
    done = subprocess.run(
        [sys.executable, "-m", "netmap", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_clihlp003_the_real_command_in_danish_by_default_and_english_on_request() -> None:
    danish = _netmap("--help")
    assert danish.startswith("Brug: ") and "Kommandoer:" in danish and "Tilvalg:" in danish
    assert "Vis denne hjælp og afslut." in danish
    english = _netmap("analyse", "--help", "--lang", "en")
    assert english.startswith("Usage: ") and "Options:" in english
    assert "Show this message and exit." in english and "FILE_OR_MAP" in english
    from_env = _netmap("list", "--help", env_lang="en")
    assert from_env.startswith("Usage: ") and "List all maps" in from_env
    before = _netmap("--lang", "en", "analyse", "--help")
    assert before == english


def test_clihlp004_click_errors_in_the_chosen_language() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "netmap", "list", "--no-such"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={k: v for k, v in os.environ.items() if k != "NETMAP_LANG"},
    )
    assert done.returncode == 2
    assert "Fejl: Tilvalget '--no-such' findes ikke." in done.stderr
    assert "Brug: " in done.stderr
