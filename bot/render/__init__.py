"""Rendering helpers shared by features: PDFs with a Unicode font, and small charts.

Everything here is synchronous and CPU-bound: call it through `asyncio.to_thread`."""
