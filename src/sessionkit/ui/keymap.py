"""The `[keymap]` table of the settings file, checked against the app's real key bindings.

Textual's `App.set_keymap` ignores an id it does not know, so a typo in `settings.toml`
would leave the key unchanged with no word said. And when two bindings of one screen end
up on the same key, Textual quietly drops one: a remapped Undo placed on F could take
Finish's key away. `check_keymap` finds these before the keymap is applied, keeps the
entries that are safe, and says what is wrong with each of the others, one line each.

Where it runs: inside `sessionkit.ui.startup.compute`, the fully validating path whose
result is cached between starts. Knowing every binding id means importing every screen
module (about 80 ms here, and it pulls in pydantic), which the first frame must not wait
for. Checking after the first paint would keep the frame fast but pay that import on
every start of a user with a keymap, and apply an unchecked keymap first; checking on
the cached path applies only checked entries before the first frame, and costs nothing
on a start whose settings, themes and code are unchanged (the screen modules are part of
the cache key, so a renamed binding id is noticed).
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from textual.binding import Binding, BindingType

from sessionkit.ui.app_bindings import APP_BINDINGS

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_OWN_KEYS = "using the app's own key for it"


def check_keymap(
    keymap: Mapping[str, str],
    known_ids: set[str],
    *,
    default_keys: Mapping[str, str] | None = None,
    source: str | Path = "settings.toml",
) -> tuple[dict[str, str], list[str]]:
    """The usable entries of `keymap`, and one problem line per entry left out.

    Left out: an id that is not a binding of the app (with a "did you mean" when one is
    close), an entry with no key, and entries of one screen (the id's prefix, as in
    `capture.undo`) that share a key: all of those are reported and none is kept, since
    which one the user meant cannot be known. With `default_keys` (binding id -> its
    own keys), an entry is also left out when it takes the own key of a binding of the
    same screen that keeps that key, which would otherwise lose its key without a word.

    Problems read `SOURCE: keymap."capture.undoo": no such key binding (did you mean
    'capture.undo'?)`, keys quoted as TOML would need them.
    """
    where = _printable(str(source))
    problems: list[str] = []
    usable: dict[str, str] = {}

    def report(binding_id: str, message: str) -> None:
        problems.append(f"{where}: keymap.{_toml_key(binding_id)}: {message}")

    for binding_id, keys in keymap.items():
        if binding_id not in known_ids:
            close = difflib.get_close_matches(binding_id, sorted(known_ids), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else " (ignored)"
            report(binding_id, "no such key binding" + hint)
        elif not all(_split(keys)):
            report(binding_id, f"no key given ({_OWN_KEYS})")
        else:
            usable[binding_id] = keys

    # Two entries of one screen on one key: report every one of them, keep none.
    clashing: dict[str, list[str]] = defaultdict(list)
    for (_screen, key), ids in _claims(usable).items():
        for binding_id in ids if len(ids) > 1 else ():
            others = ", ".join(i for i in ids if i != binding_id)
            clashing[binding_id].append(f"{_quote(key)} is also given to {others}")
    for binding_id, reasons in clashing.items():
        del usable[binding_id]
        report(binding_id, f"{'; '.join(reasons)}: none of them is used ({_OWN_KEYS})")

    # An entry taking the own key of a binding that keeps it. Leaving one out gives its
    # binding its own keys back, which another entry may have taken: repeat until none.
    while default_keys and (taken := _taken_default(usable, default_keys)):
        binding_id, key, holders = taken
        del usable[binding_id]
        report(
            binding_id,
            f"{_quote(key)} is already the key of {holders} on the same screen "
            f"({_OWN_KEYS}; give {holders} another key to free {_quote(key)})",
        )
    return usable, problems


def _taken_default(
    usable: Mapping[str, str], default_keys: Mapping[str, str]
) -> tuple[str, str, str] | None:
    """(entry, key, the ids whose own key it is) for the first entry taking one, or None."""
    owners = _claims({i: k for i, k in default_keys.items() if i not in usable})
    for binding_id, keys in usable.items():
        for key in _split(keys):
            holders = [
                i for i in owners.get((_screen(binding_id), _normalize(key)), []) if i != binding_id
            ]
            if holders:
                return binding_id, key, ", ".join(holders)
    return None


def _claims(entries: Mapping[str, str]) -> dict[tuple[str, str], list[str]]:
    """(screen, normalised key) -> the ids that want that key, in the order given."""
    claims: dict[tuple[str, str], list[str]] = defaultdict(list)
    for binding_id, keys in entries.items():
        for key in dict.fromkeys(_normalize(k) for k in _split(keys)):
            claims[(_screen(binding_id), key)].append(binding_id)
    return claims


def _screen(binding_id: str) -> str:
    return binding_id.partition(".")[0]


def _split(keys: str) -> list[str]:
    return [key.strip() for key in keys.split(",")]


def _normalize(key: str) -> str:
    """One key as Textual compares keys: "?" and "question_mark" are the same key.

    `Binding.make_bindings` is the public step that gives every binding its key in that
    form; a keymap entry is normalised the same way when Textual applies it.
    """
    key = key.strip()
    if not key:
        return key
    return next(iter(Binding.make_bindings([Binding(key, "")]))).key


def _quote(key: str) -> str:
    return '"' + _printable(key) + '"'


def _toml_key(binding_id: str) -> str:
    return binding_id if _BARE_KEY.fullmatch(binding_id) else _quote(binding_id)


def _printable(text: str) -> str:
    # File names and ids are the user's text: keep a terminal from acting on them.
    return "".join(ch if ch.isprintable() else "?" for ch in text)


# --- the app's bindings ---------------------------------------------------------------


def binding_keys() -> dict[str, str]:
    """Every binding id of the app -> its own keys (imports every screen module)."""
    return {binding.id: binding.key for binding in app_bindings() if binding.id}


def known_binding_ids() -> set[str]:
    """Every binding id of the app: its own and those of every screen."""
    return set(binding_keys())


def app_bindings() -> Iterator[Binding]:
    """The bindings declared by the app and by each screen class of `sessionkit.ui.screens`.

    Each class's own `BINDINGS` only, so a binding inherited by several forms is seen once.
    """
    yield from _bindings(APP_BINDINGS)
    for cls in binding_classes():
        yield from _bindings(cls.__dict__.get("BINDINGS", ()))


def binding_classes() -> list[type]:
    """Every class defined in the modules of `sessionkit.ui.screens`."""
    from sessionkit.ui import screens

    classes: list[type] = []
    for info in sorted(pkgutil.iter_modules(screens.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{screens.__name__}.{info.name}")
        classes += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and value.__module__ == module.__name__
        ]
    return classes


def _bindings(declared: Iterable[BindingType]) -> Iterator[Binding]:
    for item in declared:
        if isinstance(item, Binding):
            yield item
        else:
            yield from Binding.make_bindings([item])
