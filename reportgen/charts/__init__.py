"""Chart specifications shared by both renderers."""
