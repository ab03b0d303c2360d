"""``stacklens scrub``: what is scrubbed from log records besides the built-in rules.

Extra field names and patterns, and whether e-mail addresses are scrubbed. Card numbers,
security codes, PINs and track data are always scrubbed (no option turns that off). A change
applies to what is read from then on (``watch`` and the window read it when they start).
"""

from __future__ import annotations

import argparse
import dataclasses
import json

from stacklens_desktop.cli.main import EXIT_OK, UsageError, add_data_dir_argument
from stacklens_desktop.cli.profile import open_profile


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("scrub", help="extra secrets to scrub from log records")
    parser.add_argument("--add-key", action="append", default=[], metavar="NAME",
                        help="a field name whose value is a secret (JSON, key=value, headers)")
    parser.add_argument("--remove-key", action="append", default=[], metavar="NAME")
    parser.add_argument("--add-pattern", action="append", default=[], metavar="REGEX",
                        help="a regular expression whose match is a secret")
    parser.add_argument("--remove-pattern", action="append", default=[], metavar="REGEX")
    parser.add_argument("--emails", choices=("on", "off"),
                        help="scrub e-mail addresses (default on)")
    parser.add_argument("--json", action="store_true", help="print the settings as JSON")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from stacklens_desktop.core.scrub.rules import rules_to_json
    from stacklens_desktop.settings.access import load_scrub, save_scrub
    from stacklens_desktop.settings.problems import SettingsError

    _, store = open_profile(args)
    try:
        rules = load_scrub(store.engine)
        wanted = _changed(rules, args)
        if wanted != rules:
            try:
                rules = save_scrub(store.engine, wanted)
            except SettingsError as exc:
                raise UsageError(str(exc)) from None
    finally:
        store.close()
    if args.json:
        print(json.dumps(rules_to_json(rules), indent=2))
        return EXIT_OK
    print(f"extra keys: {', '.join(rules.extra_keys) or '(none)'}")
    print(f"extra patterns: {', '.join(rules.extra_patterns) or '(none)'}")
    print(f"e-mail addresses: {'scrubbed' if rules.emails else 'kept'}")
    print("always scrubbed: card numbers, security codes, PINs, track data, and the built-in "
          "keys and shapes (passwords, tokens, keys, cookies ...)")
    return EXIT_OK


def _changed(rules, args: argparse.Namespace):  # noqa: ANN001, ANN202 - ScrubRules
    keys = [k for k in rules.extra_keys if k not in args.remove_key]
    keys += [k for k in args.add_key if k not in keys]
    patterns = [p for p in rules.extra_patterns if p not in args.remove_pattern]
    patterns += [p for p in args.add_pattern if p not in patterns]
    emails = rules.emails if args.emails is None else args.emails == "on"
    return dataclasses.replace(rules, extra_keys=tuple(keys), extra_patterns=tuple(patterns),
                               emails=emails)
