"""The site adapter: everything between rendered pages and a finished site folder.

* :mod:`~generator.site.config`: the settings of mkdocs.yml the generator needs.
* :mod:`~generator.site.engine`: the engine interface (MkDocs, later others) and
  its registry; :mod:`~generator.site.mkdocs_engine`: MkDocs.
* :mod:`~generator.site.writer`: the generated part of the docs folder and its
  manifest; :mod:`~generator.site.navigation`: the navigation file;
  :mod:`~generator.site.publish`: pages and assets into the docs folder.
* :mod:`~generator.site.incremental`: which pages an edit affects.
* :mod:`~generator.site.swap`: the atomic swap of ``site/``, signals deferred.
* :mod:`~generator.site.epoch`: SOURCE_DATE_EPOCH for reproducible output.
"""
