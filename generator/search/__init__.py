"""Site search: the words Chinese segmentation keeps whole, a search index built once per
text, and the worker that searches a Chinese query word for word.

Material's search plugin cuts every section of every page into words with
jieba on every build (and loads jieba's dictionary, 1.3 s, in every process).
:mod:`generator.search.words` writes the handbook's role names as a jieba user
dictionary (mkdocs.yml ``jieba_dict_user``), so a role name is one search term;
:mod:`generator.search.index_cache` remembers the plugin's entries of each page
by content hash in ``.handbook-cache/search``, so a warm ``handbook build``
indexes only the pages whose HTML changed. In the browser,
:mod:`generator.search.worker` puts a wrapper in place of Material's search
worker: every word of a Chinese query is searched (Material's drops the last),
and the pages that hold the whole query come first.
"""
