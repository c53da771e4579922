"""/remind HH:MM|off: an opt-in daily nudge when review cards are due (SPEC §6, issue 10).

Policies:
- Off until the student asks (`/remind 18:00`); `/remind off` stops it; `/remind` alone shows
  the setting with buttons for a few times and Off.
- The time is a wall-clock time in TIMEZONE. A time inside QUIET_HOURS is refused (with the
  quiet hours named): a nudge is never sent then.
- At most one nudge per student per local day, at or after their time, and only when they have
  reviews due then; a nudge missed while the bot was down goes out once it is back, the same
  day, outside quiet hours. Students who blocked the bot are skipped.
- Sent through the same paced delivery as homework reminders (`bot.delivery`), claimed in the
  database first (`db.repositories.nudges.claim`), so two bot processes never both send one.
"""

from __future__ import annotations

from bot.features.remind.handlers import on_startup, register

__all__ = ["on_startup", "register"]
