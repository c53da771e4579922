"""Texts of the worksheet feature. Keys are shared by UK and EN; placeholders in {braces}."""

UK: dict[str, str] = {}

EN: dict[str, str] = {}
