"""One package per feature, each with `register(application)` (its handlers), optionally
`async on_startup(application)` (menus, jobs), and its own handlers/service/keyboards modules."""
