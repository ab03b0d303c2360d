"""``stacklens jira automation``: view or edit the automation policy saved in the profile.

Without options it prints the policy. Each severity's rule is set with
``--<severity>-confidence VALUE``: a number in [0, 1) (file when the confidence is above it),
``any`` (always file) or ``off`` (never file).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from datetime import timedelta
from typing import Any

from stacklens_desktop.jira.policy import AutomationConfig, RegressionMode, SeverityRule
from stacklens_desktop.wording import plural

EXIT_OK = 0
EXIT_USAGE = 2
SEVERITIES = ("critical", "high", "medium", "low")


def add_automation_parser(actions: argparse._SubParsersAction) -> None:
    from stacklens_desktop.cli.main import add_data_dir_argument

    parser = actions.add_parser("automation", help="view or edit the ticket automation policy")
    switch = parser.add_mutually_exclusive_group()
    switch.add_argument("--enable", dest="enabled", action="store_true", default=None,
                        help="file tickets automatically")
    switch.add_argument("--disable", dest="enabled", action="store_false",
                        help="never file tickets automatically")
    for severity in SEVERITIES:
        parser.add_argument(f"--{severity}-confidence", metavar="X|any|off", type=_rule,
                            help=f"file {severity} patterns above confidence X, always, or never")
    parser.add_argument("--min-occurrences", type=_positive_int, metavar="N",
                        help="occurrences needed within the window before filing")
    parser.add_argument("--window-minutes", type=_positive_float, metavar="M")
    parser.add_argument("--comment-throttle-minutes", type=_positive_float, metavar="M",
                        help="at most one comment per ticket per M minutes")
    parser.add_argument("--regression", choices=[m.value for m in RegressionMode],
                        help="a done ticket that sees the error again: reopen it or file a "
                        "new linked one")
    parser.add_argument("--resolve-on-done", action=argparse.BooleanOptionalAction,
                        default=None, help="mark the pattern resolved when its ticket is done")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run_automation)


def _rule(text: str) -> SeverityRule:
    value = text.strip().lower()
    if value == "any":
        return SeverityRule(True, None)
    if value == "off":
        return SeverityRule(False)
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"want a number, 'any' or 'off', got {text!r}") from None
    if not 0.0 <= number < 1.0:
        raise argparse.ArgumentTypeError(f"confidence must be in [0, 1), got {text}")
    return SeverityRule(True, number)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"want a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"want a number, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def edited(config: AutomationConfig, args: argparse.Namespace) -> AutomationConfig:
    """``config`` with the options that were given applied."""
    changes: dict[str, Any] = {}
    rules = dict(config.rules)
    for severity in SEVERITIES:
        rule = getattr(args, f"{severity}_confidence")
        if rule is not None:
            rules[severity] = rule
    if rules != dict(config.rules):
        changes["rules"] = rules
    if args.enabled is not None:
        changes["enabled"] = args.enabled
    if args.min_occurrences is not None:
        changes["min_occurrences"] = args.min_occurrences
    if args.window_minutes is not None:
        changes["window"] = timedelta(minutes=args.window_minutes)
    if args.comment_throttle_minutes is not None:
        changes["comment_throttle"] = timedelta(minutes=args.comment_throttle_minutes)
    if args.regression is not None:
        changes["regression_mode"] = RegressionMode(args.regression)
    if args.resolve_on_done is not None:
        changes["resolve_pattern_on_done"] = args.resolve_on_done
    return dataclasses.replace(config, **changes)


def run_automation(args: argparse.Namespace) -> int:
    from stacklens_desktop.cli.main import UsageError
    from stacklens_desktop.cli.profile import open_profile
    from stacklens_desktop.settings.access import load_policy, save_policy
    from stacklens_desktop.settings.problems import SettingsError

    base, store = open_profile(args)
    try:
        config = load_policy(store.engine)
        updated = edited(config, args)
        if updated != config:
            try:
                updated = save_policy(store.engine, updated)
            except SettingsError as exc:
                raise UsageError(str(exc)) from None
            print(f"Saved the automation policy in {base}.")
        print_config(updated)
    finally:
        store.close()
    return EXIT_OK


def describe_rule(rule: SeverityRule) -> str:
    if not rule.file:
        return "never filed"
    if rule.confidence_above is None:
        return "always filed"
    return f"filed above {rule.confidence_above:.0%} confidence"


def print_config(config: AutomationConfig) -> None:
    out = sys.stdout
    print(f"Jira automation: {'on' if config.enabled else 'off'}", file=out)
    for severity in sorted(config.rules, key=_severity_order):
        print(f"  {severity + ':':<10} {describe_rule(config.rules[severity])}", file=out)
    window = config.window.total_seconds() / 60
    print(f"  at least {plural(config.min_occurrences, 'occurrence')} within {window:g} min",
          file=out)
    throttle = config.comment_throttle.total_seconds() / 60
    print(f"  at most one comment per ticket per {throttle:g} min", file=out)
    print(f"  regression (done ticket seen again): {config.regression_mode.value}", file=out)
    print(f"  ticket done -> pattern resolved: "
          f"{'yes' if config.resolve_pattern_on_done else 'no'}", file=out)


def _severity_order(name: str) -> tuple[int, str]:
    return (SEVERITIES.index(name) if name in SEVERITIES else len(SEVERITIES), name)
