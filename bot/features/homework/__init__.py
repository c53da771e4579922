"""The homework feature: /assign, /homework, /homeworks, notices, reminders and summaries.

Policies (the decisions a teacher or student would ask about):
- Due times are typed in the class time zone (`Class.timezone`) and stored in UTC.
- Setting homework stores it, one "assigned" notice per student and one reminder per student ×
  REMINDER_OFFSETS, in one transaction; then the notices are sent at once, paced. Offsets whose
  time has already passed are not created.
- Nothing goes to students during QUIET_HOURS (class time zone; the window may cross midnight):
  a notice or reminder that falls inside is due at the end of the quiet hours instead (computed
  when the rows are created and checked again when sending); one that would then come at or
  after the due time is dropped. The teacher's due-time summary waits for the morning too.
- Reminders go only to students who are still in the class, have not finished, and have not
  blocked the bot; if several are due at once (the bot was down), a student gets only the
  latest; a reminder whose homework is already due is skipped, never sent late.
- Every message goes out at most once, even with two bot processes on one database and across
  crashes: see `db/repositories/reminders.py` and `bot/features/homework/jobs.py`.
- Students who join after the homework was set see it in /homework but get no notice.
- Credit: a question on the homework's topic answered right counts, on the first or the second
  try, with hints or without (hints are there to learn from, and the student still did it);
  one closed by its solution, a skip or two wrong tries does not.
"""

from __future__ import annotations

from bot.features.homework.handlers import on_startup, register

__all__ = ["on_startup", "register"]
