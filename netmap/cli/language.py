"""The command line's language: known before click builds or renders anything.

Help texts are given to click when the commands are declared, so the language
is read from ``--lang`` or ``NETMAP_LANG`` in the raw arguments at start-up
(:func:`cli_lang`), before the command modules are imported. Then
:func:`localize` fills in what the modules did not say in that language:
help texts keyed by command (``cli.help.<command>`` and
``cli.help.<command>.<option>``), argument names (``cli.metavar.<NAME>``) and
click's own words ("Usage:", "Options", "Show this message and exit.", its
error messages), which click looks up through ``gettext`` in each of its
modules — :func:`use_click_language` answers those look-ups from the
catalogue instead (click ships no Danish and reads no catalogue of ours).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence

import click

from netmap.i18n import DEFAULT_LANG, Lang, catalogue, parse_lang, t

__all__ = ["ENV_LANG", "cli_lang", "help_text", "localize", "use_click_language"]

ENV_LANG = "NETMAP_LANG"

#: click's messages (its gettext message ids) and the catalogue key of each.
CLICK_TEXTS: dict[str, str] = {
    "Usage:": "cli.click.usage",
    "Options": "cli.click.options",
    "Commands": "cli.click.commands",
    "Show this message and exit.": "cli.click.help",
    "Show the version and exit.": "cli.click.version_help",
    "%(prog)s, version %(version)s": "cli.click.version",
    "default: {default}": "cli.click.default",
    "env var: {var}": "cli.click.env_var",
    "required": "cli.click.required",
    "Error: {message}": "cli.click.error",
    "Try '{command} {option}' for help.": "cli.click.try_help",
    "No such option {name!r}.": "cli.click.no_such_option",
    "No such command {name!r}.": "cli.click.no_such_command",
    "Missing argument": "cli.click.missing_argument",
    "Missing option": "cli.click.missing_option",
    "Missing parameter": "cli.click.missing_parameter",
    "Missing command.": "cli.click.missing_command",
    "Invalid value for {param_hint}: {message}": "cli.click.invalid_value_for",
    "Invalid value: {message}": "cli.click.invalid_value",
    "{value} is not in the range {range}.": "cli.click.not_in_range",
    "Aborted!": "cli.click.aborted",
    "Do you want to continue?": "cli.click.continue",
}

#: click's messages with a singular and a plural form, by the singular.
CLICK_PLURALS: dict[str, str] = {
    "Got unexpected extra argument ({args})": "cli.click.extra_arguments",
    "{value!r} is not {choice}.": "cli.click.not_a_choice",
    "Option {name!r} requires an argument.": "cli.click.option_needs_value",
    "Did you mean {possibility}?": "cli.click.did_you_mean",
}

#: The click modules that translate through a module-level ``_``/``ngettext``.
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types")


def cli_lang(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> Lang:
    """The language asked for: ``--lang`` in the arguments, else ``NETMAP_LANG``,
    else Danish.

    >>> cli_lang(["analyse", "--lang", "en"], {}), cli_lang(["list", "--lang=en"], {})
    ('en', 'en')
    >>> cli_lang(["list"], {"NETMAP_LANG": "en"}), cli_lang(["list"], {})
    ('en', 'da')
    """
    args = sys.argv[1:] if argv is None else argv
    env = os.environ if environ is None else environ
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return parse_lang(args[i + 1])
        if arg.startswith("--lang="):
            return parse_lang(arg.split("=", 1)[1])
    return parse_lang(env.get(ENV_LANG, DEFAULT_LANG))


def help_text(key: str) -> str:
    """A help text in the command line's language (for ``help=`` at import)."""
    return t(key, cli_lang())


def _gettext(lang: Lang) -> Callable[[str], str]:
    texts = catalogue(lang)

    def gettext(message: str) -> str:
        key = CLICK_TEXTS.get(message)
        return texts[key] if key is not None else message

    return gettext


def _ngettext(lang: Lang) -> Callable[[str, str, int], str]:
    def ngettext(singular: str, plural: str, count: int) -> str:
        key = CLICK_PLURALS.get(singular)
        if key is None:
            return singular if count == 1 else plural
        # The message is formatted by click, so only the form is chosen here.
        return catalogue(lang)[f"{key}.{'one' if count == 1 else 'other'}"]

    return ngettext


def use_click_language(lang: Lang) -> None:
    """Make click's own words (help headings, its errors) come out in ``lang``."""
    import importlib

    gettext, ngettext = _gettext(lang), _ngettext(lang)
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def _metavar(param: click.Parameter) -> str | None:
    if param.metavar is not None:
        return param.metavar
    if isinstance(param, click.Argument):
        return (param.name or "").upper()
    if isinstance(param, click.Option) and (param.is_flag or param.count):
        return None
    if isinstance(param.type, click.Choice):
        return None
    return param.type.name.upper()


def _localize_command(command: click.Command, path: str, texts: dict[str, str]) -> None:
    own = texts.get(f"cli.help.{path}")
    if own is not None:
        command.help = own
    command.options_metavar = texts["cli.click.options_metavar"]
    for param in command.params:
        key = f"cli.help.{path}.{param.name}"
        if key in texts and isinstance(param, click.Option):
            param.help = texts[key]
        base = _metavar(param)
        if base is not None and f"cli.metavar.{base}" in texts:
            param.metavar = texts[f"cli.metavar.{base}"]
    if isinstance(command, click.Group):
        command.subcommand_metavar = texts["cli.click.subcommand_metavar"]
        for name, sub in command.commands.items():
            _localize_command(sub, f"{path} {name}" if path != "netmap" else name, texts)


def localize(group: click.Group, lang: Lang) -> None:
    """Put the catalogue's help texts and argument names of ``lang`` on every
    command of ``group`` (see the module docstring)."""
    _localize_command(group, "netmap", catalogue(lang))
