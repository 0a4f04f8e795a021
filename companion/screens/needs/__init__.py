"""Relationele behoeften: one child's profile (profile.py), the class by need
(class_view.py, the place "needs") and the dialog that notes a signal (signal_form.py)."""

from __future__ import annotations

from companion.screens.needs.class_view import NeedsClassScreen
from companion.screens.needs.profile import NeedsProfileScreen

__all__ = ["NeedsClassScreen", "NeedsProfileScreen"]
