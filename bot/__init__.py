"""The Telegram edge of Surprise Quiz: the application factory, handlers per feature,
keyboards and texts in Ukrainian and English."""
