"""Renderers: the model, theme and charts become document bytes."""
