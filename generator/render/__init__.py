"""Rendering the handbook: the model as Markdown pages (pure), plus the writer of the docs folder.

Entry point: :func:`generator.render.pages.render_pages`.
"""
