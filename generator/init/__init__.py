"""``handbook init DIR``: a new handbook repository, ready to validate, build and publish.

:mod:`generator.init.project` fills in the templates shipped in
``generator/init/templates`` (package data); :mod:`generator.init.command` is the
command line side.
"""
