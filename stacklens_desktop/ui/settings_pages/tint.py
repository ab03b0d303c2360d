"""Colours of the dialog's small texts, readable on the light and the dark palette. Set per
label: a style sheet on the whole dialog would stop it following a theme change."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

COLOURS = {"hint": "#8a8f98", "warning": "#c77700", "problems": "#d32f2f", "saved": "#388e3c",
           "plain": ""}


def tint(label: QLabel, kind: str) -> QLabel:
    colour = COLOURS[kind]
    label.setStyleSheet(f"color: {colour};" if colour else "")
    return label
