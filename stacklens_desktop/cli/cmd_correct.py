"""``stacklens correct FINGERPRINT [--severity S] [--type T]``: a person's correction.

It wins over the model for that pattern at once (stored pattern labels); ``stacklens train``
folds all corrections into the model.
"""

from __future__ import annotations

import argparse

from stacklens_desktop.cli.main import EXIT_OK, UsageError, add_data_dir_argument
from stacklens_desktop.cli.profile import open_profile


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("correct", help="correct a pattern's severity or type")
    parser.add_argument("fingerprint", help="the pattern's fingerprint (or a unique prefix)")
    parser.add_argument("--severity", help="critical, high, medium or low")
    parser.add_argument("--type", dest="error_type", help="an error type of TAXONOMY.md")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from stacklens_desktop.core.classify import ERROR_TYPES, SEVERITIES

    if not args.severity and not args.error_type:
        raise UsageError("give --severity and/or --type")
    if args.severity and args.severity not in SEVERITIES:
        raise UsageError(f"--severity must be one of {', '.join(SEVERITIES)}")
    if args.error_type and args.error_type not in ERROR_TYPES:
        raise UsageError(f"--type must be one of {', '.join(ERROR_TYPES)}")
    from stacklens_desktop.store.feedback import UnknownPatternError, add_correction

    _, store = open_profile(args)
    try:
        full = add_correction(store.engine, args.fingerprint, args.severity, args.error_type)
    except UnknownPatternError as exc:
        raise UsageError(str(exc)) from None
    finally:
        store.close()
    print(f"pattern {full}: corrected"
          + (f" severity={args.severity}" if args.severity else "")
          + (f" type={args.error_type}" if args.error_type else "")
          + "; run `stacklens train` to fold corrections into the model")
    return EXIT_OK
