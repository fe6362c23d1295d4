"""The words of the command line and of its diagnostics in every handbook language.

:mod:`generator.i18n` holds the words of the generated site; this package holds
the words the ``handbook`` command says: diagnostic titles and hints
(:mod:`.codes`), diagnostic and CLI messages (:mod:`.catalog`), and
:func:`localize` to write a diagnostic in one language.
"""
